import { describe, expect, it } from 'vitest'
import { Admission } from '../../src/limits/admission.js'
import { RateLimiter } from '../../src/limits/token-bucket.js'

describe('per-address rate limiter', () => {
  it('allows a burst of twice the rate, then refuses', () => {
    const limiter = new RateLimiter(2)
    const taken = Array.from({ length: 5 }, () => limiter.take('a', 0))
    expect(taken).toEqual([true, true, true, true, false])
  })

  it('refills at the configured rate', () => {
    const limiter = new RateLimiter(2)
    for (let i = 0; i < 4; i++) limiter.take('a', 0)
    expect(limiter.take('a', 500)).toBe(true)
    expect(limiter.take('a', 500)).toBe(false)
  })

  it('keeps addresses apart', () => {
    const limiter = new RateLimiter(1)
    limiter.take('a', 0)
    limiter.take('a', 0)
    expect(limiter.take('b', 0)).toBe(true)
  })

  it('is unlimited at rate 0', () => {
    const limiter = new RateLimiter(0)
    expect(Array.from({ length: 1000 }, () => limiter.take('a', 0)).every(Boolean)).toBe(true)
  })
})

describe('session admission', () => {
  it('refuses a new session at the cap', () => {
    const a = new Admission(2, 30_000)
    expect(a.tryReserve()).toBe(true)
    a.commit('s1', 0)
    expect(a.tryReserve()).toBe(true)
    expect(a.tryReserve()).toBe(false)
  })

  it('frees the place of a session that ended', () => {
    const a = new Admission(1, 30_000)
    a.tryReserve()
    a.commit('s1', 0)
    a.end('s1')
    expect(a.tryReserve()).toBe(true)
  })

  it('frees the place of a reservation that did not open a session', () => {
    const a = new Admission(1, 30_000)
    a.tryReserve()
    a.release()
    expect(a.tryReserve()).toBe(true)
  })

  it('drops sessions quiet for longer than the timeout', () => {
    const a = new Admission(1, 30_000)
    a.tryReserve()
    a.commit('s1', 0)
    expect(a.sweep(30_001)).toBe(1)
    expect(a.tryReserve()).toBe(true)
  })

  it('counts requests of sessions admitted elsewhere while they run', () => {
    const a = new Admission(1, 30_000)
    a.enter()
    expect(a.tryReserve()).toBe(false)
    a.leave()
    expect(a.tryReserve()).toBe(true)
  })
})
