import { describe, expect, it } from 'vitest'
import { ConnectionSessions } from '../src/repositories/connection-sessions.js'

describe('ConnectionSessions', () => {
  it('returns the session remembered for a connection', () => {
    const map = new ConnectionSessions<string>(1_000)
    map.remember('10.0.0.1:5000', 'session-a', 0)
    expect(map.lookup('10.0.0.1:5000', 500)).toBe('session-a')
  })

  it('keeps connections of one address apart', () => {
    const map = new ConnectionSessions<string>(1_000)
    map.remember('10.0.0.1:5000', 'session-a', 0)
    map.remember('10.0.0.1:5001', 'session-b', 0)
    expect([map.lookup('10.0.0.1:5000', 1), map.lookup('10.0.0.1:5001', 1)]).toEqual(['session-a', 'session-b'])
  })

  it('forgets an entry once the session timeout has passed', () => {
    const map = new ConnectionSessions<string>(1_000)
    map.remember('10.0.0.1:5000', 'session-a', 0)
    expect(map.lookup('10.0.0.1:5000', 1_000)).toBeNull()
  })

  it('lets a new session on the same connection replace the old one and live its own timeout', () => {
    const map = new ConnectionSessions<string>(1_000)
    map.remember('10.0.0.1:5000', 'session-a', 0)
    map.remember('10.0.0.1:5000', 'session-b', 800)
    expect(map.lookup('10.0.0.1:5000', 1_500)).toBe('session-b')
  })

  it('drops expired entries when new ones arrive, so memory follows the live sessions', () => {
    const map = new ConnectionSessions<string>(1_000)
    for (let i = 0; i < 100; i++) map.remember(`10.0.0.1:${i}`, `s-${i}`, 0)
    map.remember('10.0.0.2:1', 'late', 5_000)
    expect(map.size).toBe(1)
  })

  it('keeps a connection remembered again past the expiry of its first entry, across queue compaction', () => {
    const map = new ConnectionSessions<string>(1_000)
    map.remember('10.0.0.1:5000', 'session-a', 0)
    map.remember('10.0.0.1:5000', 'session-b', 800)
    for (let i = 0; i < 3_000; i++) map.remember(`10.0.1.1:${i}`, `s-${i}`, 1_100 + i)
    expect(map.lookup('10.0.0.1:5000', 1_500)).toBeNull()
    map.remember('10.0.0.1:5000', 'session-c', 4_000)
    expect(map.lookup('10.0.0.1:5000', 4_500)).toBe('session-c')
    expect(map.lookup('10.0.1.1:2999', 4_500)).toBe('s-2999')
    expect(map.size).toBe(1_001)
  })
})
