import { describe, expect, it } from 'vitest'
import { KvDeleteMarkers } from '../src/nats/kv-delete-markers.js'

describe('KvDeleteMarkers', () => {
  it('gives the sequence of a marker once, while the bucket still keeps it', () => {
    const m = new KvDeleteMarkers(30_000)
    m.remember('a', 41, 1_000)
    expect(m.take('a', 2_000)).toBe(41)
    expect(m.take('a', 2_000)).toBeUndefined()
    m.remember('b', 42, 1_000)
    expect(m.take('b', 31_000)).toBeUndefined()
    expect(m.take('never', 1_000)).toBeUndefined()
  })

  it('keeps the newest marker of a key', () => {
    const m = new KvDeleteMarkers(30_000)
    m.remember('a', 1, 0)
    m.remember('a', 7, 10)
    expect(m.take('a', 20)).toBe(7)
  })

  it('finds a marker of the previous generation, and drops a generation whole after max_age', () => {
    const m = new KvDeleteMarkers(30_000)
    m.remember('old', 1, 0)
    m.remember('newer', 2, 31_000)
    expect(m.size).toBe(2)
    expect(m.take('old', 31_000)).toBeUndefined()
    m.remember('x', 3, 40_000)
    m.remember('y', 4, 62_000)
    expect(m.take('x', 62_000)).toBe(3)
    expect(m.size).toBe(2) // y, and newer in the previous generation
    m.remember('z', 5, 100_000)
    expect(m.size).toBe(2) // z, and y in the previous generation: newer was dropped with its generation
  })

  it('stays bounded however many keys are deleted within max_age', () => {
    const m = new KvDeleteMarkers(30_000, 100)
    for (let i = 0; i < 10_000; i++) m.remember(`k${i}`, i, 0)
    expect(m.size).toBeLessThanOrEqual(200)
    expect(m.take('k9999', 1)).toBe(9_999)
  })

  it('forgets every marker of both generations when the bucket was created again', () => {
    const m = new KvDeleteMarkers(30_000)
    m.remember('old', 1, 0)
    m.remember('new', 2, 31_000)
    m.clear()
    expect(m.size).toBe(0)
    expect(m.take('old', 31_000)).toBeUndefined()
    expect(m.take('new', 31_000)).toBeUndefined()
  })
})
