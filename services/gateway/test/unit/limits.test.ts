import { describe, expect, it } from 'vitest'
import { AdaptiveSessionLimit, type LimitChange } from '../../src/limits/adaptive-session-limit.js'
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
    expect(a.tryReserve(0)).toBeNull()
    a.commit('s1', 0)
    expect(a.tryReserve(0)).toBeNull()
    expect(a.tryReserve(0)).toBe('session-cap')
  })

  it('frees the place of a session that ended', () => {
    const a = new Admission(1, 30_000)
    a.tryReserve(0)
    a.commit('s1', 0)
    a.end('s1')
    expect(a.tryReserve(0)).toBeNull()
  })

  it('frees the place of a reservation that did not open a session', () => {
    const a = new Admission(1, 30_000)
    a.tryReserve(0)
    a.release()
    expect(a.tryReserve(0)).toBeNull()
  })

  it('drops sessions quiet for longer than the timeout', () => {
    const a = new Admission(1, 30_000)
    a.tryReserve(0)
    a.commit('s1', 0)
    expect(a.sweep(30_001)).toBe(1)
    expect(a.tryReserve(0)).toBeNull()
  })

  it('counts requests of sessions admitted elsewhere while they run', () => {
    const a = new Admission(1, 30_000)
    a.enter()
    expect(a.tryReserve(0)).toBe('session-cap')
    a.leave()
    expect(a.tryReserve(0)).toBeNull()
  })

  it('refuses a new session as overload below the cap once the adaptive limit was cut', () => {
    const limit = new AdaptiveSessionLimit({ max: 100, targetMs: 1_000, windowMs: 1_000 })
    const a = new Admission(100, 30_000, limit)
    for (let i = 0; i < 40; i++) {
      expect(a.tryReserve(0)).toBeNull()
      a.commit(`s${i}`, 0)
    }
    expect(a.limit).toBe(100)
    // 40 sessions in progress, every request 2 s against a 1 s target: the limit becomes 20.
    let change = null
    for (let i = 0; i < 20; i++) change = a.answered(i * 100, i * 100 + 2_000) ?? change
    expect(change).toEqual({ from: 100, to: 20, reason: 'slow', p90Ms: 2_000 })
    expect(a.limit).toBe(20)
    expect(a.tryReserve(0)).toBe('overload')
    for (let i = 0; i < 21; i++) a.end(`s${i}`)
    expect(a.tryReserve(0)).toBeNull()
  })

  it('cuts the adaptive limit at the cap too, when the admitted sessions stop being answered', () => {
    const a = new Admission(40, 30_000, new AdaptiveSessionLimit({ max: 40, targetMs: 1_000, windowMs: 1_000 }))
    for (let i = 0; i < 40; i++) {
      expect(a.tryReserve(i)).toBeNull()
      a.began(i)
      a.commit(`s${i}`, i)
    }
    // Every place is taken and no request answers: the attempts that follow are refused at the cap,
    // and still let the limit see the hang.
    const changes: LimitChange[] = []
    for (let t = 100; t <= 3_000; t += 100) expect(a.tryReserve(t, (c) => changes.push(c))).toBe('session-cap')
    expect(changes).toMatchObject([{ from: 40, reason: 'slow' }])
    expect(a.limit).toBeLessThan(40)
  })

  it('says it sheds load while the adaptive limit is cut, and for a while after it is back at the cap', () => {
    const limit = new AdaptiveSessionLimit({ max: 100, targetMs: 1_000, windowMs: 1_000 })
    const a = new Admission(100, 30_000, limit)
    expect(a.shedding(0, 60_000)).toBe(false)
    for (let i = 0; i < 20; i++) a.answered(i * 100, i * 100 + 2_000)
    expect(a.limit).toBeLessThan(100)
    expect(a.shedding(4_000, 60_000)).toBe(true)
    // Fast answers with the limit reached raise it back to the cap, a few seconds after the cut.
    for (let w = 0; a.limit < 100 && w < 20; w++) {
      for (let i = 0; i < 20; i++) {
        a.tryReserve(5_000 + w * 1_000 + i)
        a.answered(5_000 + w * 1_000 + i * 50, 5_000 + w * 1_000 + i * 50 + 10)
      }
    }
    expect(a.limit).toBe(100)
    expect(a.shedding(30_000, 60_000)).toBe(true)
    expect(a.shedding(70_000, 60_000)).toBe(false)
  })

  it('never admits more than the cap, whatever the adaptive limit', () => {
    const a = new Admission(3, 30_000, new AdaptiveSessionLimit({ max: 3, targetMs: 1_000, windowMs: 1_000 }))
    for (let i = 0; i < 3; i++) expect(a.tryReserve(0)).toBeNull()
    expect(a.tryReserve(0)).toBe('session-cap')
  })
})
