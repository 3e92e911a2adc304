import { describe, expect, it } from 'vitest'
import { MessageLog } from '../src/in-process/message-log.js'
import { RecentIds } from '../src/in-process/recent-ids.js'
import type { StoredMessage } from '../src/in-process/memory-stream.js'

const message = (seq: number): StoredMessage => ({ seq, subject: `s.${seq}`, payload: String(seq), headers: {}, storedAt: seq })

describe('MessageLog', () => {
  it('finds messages by sequence and gives the oldest first', () => {
    const log = new MessageLog()
    for (let seq = 1; seq <= 5; seq++) log.push(message(seq))
    expect(log.size).toBe(5)
    expect(log.get(3)?.subject).toBe('s.3')
    expect(log.get(0)).toBeUndefined()
    expect(log.get(6)).toBeUndefined()
    expect(log.first()?.seq).toBe(1)
  })

  it('drops messages anywhere, and the oldest remaining one moves up past the gaps', () => {
    const log = new MessageLog()
    for (let seq = 1; seq <= 5; seq++) log.push(message(seq))
    log.delete(2)
    log.delete(2)
    expect(log.size).toBe(4)
    expect(log.get(2)).toBeUndefined()
    log.delete(1)
    expect(log.first()?.seq).toBe(3)
    log.delete(9)
    expect(log.size).toBe(3)
  })

  it('keeps every lookup right across the compaction of a long dead prefix', () => {
    const log = new MessageLog()
    for (let seq = 1; seq <= 5_000; seq++) log.push(message(seq))
    for (let seq = 1; seq <= 3_000; seq++) log.delete(seq)
    expect(log.size).toBe(2_000)
    expect(log.first()?.seq).toBe(3_001)
    expect(log.get(3_000)).toBeUndefined()
    expect(log.get(4_321)?.seq).toBe(4_321)
    log.push(message(5_001))
    expect(log.get(5_001)?.seq).toBe(5_001)
  })

  it('starts again at any sequence once empty, and refuses a gap otherwise', () => {
    const log = new MessageLog()
    log.push(message(1))
    log.delete(1)
    log.push(message(40))
    expect(log.first()?.seq).toBe(40)
    expect(() => log.push(message(42))).toThrow(/not the next in sequence/)
  })
})

describe('RecentIds', () => {
  it('refuses an id seen within the window and takes it again after', () => {
    const ids = new RecentIds(1_000)
    expect(ids.add('a', 0)).toBe(true)
    expect(ids.add('a', 999)).toBe(false)
    expect(ids.add('b', 999)).toBe(true)
    expect(ids.add('a', 1_000)).toBe(true)
    expect(ids.add('b', 1_500)).toBe(false)
  })

  it('expires ids oldest first across the compaction of its queue', () => {
    const ids = new RecentIds(10)
    for (let i = 0; i < 5_000; i++) expect(ids.add(`id${i}`, i)).toBe(true)
    expect(ids.add('id4995', 5_000)).toBe(false)
    expect(ids.add('id4990', 5_000)).toBe(true)
    expect(ids.add('id10', 5_000)).toBe(true)
  })
})
