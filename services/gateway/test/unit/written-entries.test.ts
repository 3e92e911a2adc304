import { describe, expect, it } from 'vitest'
import { WrittenEntries } from '../../src/repositories/written-entries.js'
import type { DeviceSessionEntry } from '../../src/session/session-codec.js'
import { aSession } from './builders.js'

const entry = (sessionId: string): DeviceSessionEntry => ({ at: 0, state: { phase: 'cpe-requests', session: aSession({ sessionId }) } })

describe('WrittenEntries', () => {
  it('answers only for the exact revision it wrote', () => {
    const w = new WrittenEntries()
    const e = entry('s1')
    w.remember('d1', 7, e)
    expect(w.at('d1', 7)).toBe(e)
    expect(w.at('d1', 8)).toBeUndefined()
    expect(w.at('d2', 7)).toBeUndefined()
    w.forget('d1')
    expect(w.at('d1', 7)).toBeUndefined()
  })

  it('keeps the latest write of a device', () => {
    const w = new WrittenEntries()
    w.remember('d1', 7, entry('s1'))
    const later = entry('s1')
    w.remember('d1', 9, later)
    expect(w.at('d1', 7)).toBeUndefined()
    expect(w.at('d1', 9)).toBe(later)
  })

  it('stays bounded, dropping the devices written longest ago', () => {
    const w = new WrittenEntries(100)
    for (let i = 0; i < 1_000; i++) w.remember(`d${i}`, i, entry(`s${i}`))
    expect(w.size).toBeLessThanOrEqual(100)
    expect(w.at('d999', 999)).toBeDefined()
    expect(w.at('d0', 0)).toBeUndefined()
  })
})
