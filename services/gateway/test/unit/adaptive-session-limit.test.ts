import { describe, expect, it } from 'vitest'
import { AdaptiveSessionLimit, type LimitChange } from '../../src/limits/adaptive-session-limit.js'

const TARGET = 1_000
const WINDOW = 1_000
const limitOf = (max = 1_000) => new AdaptiveSessionLimit({ max, targetMs: TARGET, windowMs: WINDOW })

/** Records `n` requests of `latency` ms ending 10 ms apart from `from`; returns the last change. */
function requests(l: AdaptiveSessionLimit, n: number, latency: number, from: number, inUse: number): LimitChange | null {
  let change: LimitChange | null = null
  for (let i = 0; i < n; i++) {
    const end = from + i * 10 + latency
    change = l.record(end - latency, end, inUse) ?? change
  }
  return change
}

/** 400 sessions in progress and requests of 2 s: the limit is cut to 200 by the 101st, at 3,000 ms. */
function cutTo200(l: AdaptiveSessionLimit): void {
  expect(requests(l, 101, 2_000, 0, 400)).toMatchObject({ from: 1_000, to: 200 })
}
const CUT_AT = 3_000

describe('adaptive session limit', () => {
  it('stays at the cap while requests are fast', () => {
    const l = limitOf()
    expect(requests(l, 500, 50, 0, 200)).toBeNull()
    expect(l.limit).toBe(1_000)
  })

  it('waits for a full window and at least 20 requests before judging', () => {
    const l = limitOf()
    // 19 slow requests spread over 5 s: too few to judge.
    for (let i = 0; i < 19; i++) expect(l.record(i * 250, i * 250 + 5_000, 100)).toBeNull()
    expect(l.limit).toBe(1_000)
    // 20 slow requests within 190 ms: the window is not over.
    const quick = limitOf()
    expect(requests(quick, 20, 5_000, 0, 100)).toBeNull()
    expect(quick.limit).toBe(1_000)
  })

  it('cuts to the sessions in progress scaled by target / p90, between a half and 0.9 of them', () => {
    const a = limitOf()
    expect(requests(a, 120, 1_250, 0, 400)).toEqual({ from: 1_000, to: 320, reason: 'slow', p90Ms: 1_250 })
    const b = limitOf()
    expect(requests(b, 120, 10_000, 0, 400)).toMatchObject({ to: 200 })
    const c = limitOf()
    expect(requests(c, 120, 1_010, 0, 400)).toMatchObject({ to: 360 })
  })

  it('judges by the 90th percentile: under a tenth of slow requests changes nothing', () => {
    const l = limitOf()
    let change: LimitChange | null = null
    for (let i = 0; i < 200; i++) change = l.record(i * 10, i * 10 + (i % 20 === 0 ? 9_000 : 700), 900) ?? change
    expect(change).toBeNull()
    expect(l.limit).toBe(1_000)
  })

  it('does not cut again while the sessions admitted before the cut drain', () => {
    const l = limitOf()
    cutTo200(l)
    // Still 300 sessions in progress (above the limit of 200): slow requests started after the cut hold it.
    expect(requests(l, 200, 2_000, 5_000, 300)).toBeNull()
    expect(l.limit).toBe(200)
    // Drained to 190: the limit now governs, and requests are still slow, so it is cut again.
    expect(requests(l, 200, 2_000, 20_000, 190)).toMatchObject({ from: 200, to: 100, reason: 'slow' })
  })

  it('ignores requests that started before the cut', () => {
    const l = limitOf()
    cutTo200(l)
    let change: LimitChange | null = null
    for (let i = 0; i < 200; i++) change = l.record(CUT_AT - 1, CUT_AT + 5_000 + i * 10, 100) ?? change
    expect(change).toBeNull()
    expect(l.limit).toBe(200)
    // The same latencies from requests started after the cut do cut it.
    for (let i = 0; i < 200; i++) change = l.record(CUT_AT, CUT_AT + 5_000 + i * 10, 100) ?? change
    expect(change).toMatchObject({ from: 200, to: 50 })
  })

  it('raises by a tenth under three quarters of the target, and doubles under a quarter, when the limit is nearly reached', () => {
    const l = limitOf()
    cutTo200(l)
    expect(requests(l, 120, 700, 10_000, 195)).toEqual({ from: 200, to: 220, reason: 'healthy', p90Ms: 700 })
    expect(requests(l, 120, 200, 20_000, 215)).toEqual({ from: 220, to: 440, reason: 'healthy', p90Ms: 200 })
  })

  it('raises a cut limit although a tenth of the requests wait a whole hook deadline of half the target', () => {
    const l = limitOf()
    cutTo200(l)
    let change: LimitChange | null = null
    for (let i = 0; i < 120; i++) change = l.record(10_000 + i * 10, 10_000 + i * 10 + (i % 5 === 0 ? 520 : 50), 195) ?? change
    expect(change).toMatchObject({ from: 200, reason: 'healthy' })
  })

  it('closes a due window when a session asks to be admitted, so a burst of slow answers cuts before it', () => {
    const l = limitOf()
    // 40 slow answers within 100 ms: the window (1 s) is not over when the last one ends.
    for (let i = 0; i < 40; i++) expect(l.record(i * 2.5, 2_000 + i * 2.5, 40)).toBeNull()
    expect(l.admitting(2_500, 40)).toBeNull()
    expect(l.admitting(3_000, 40)).toMatchObject({ from: 1_000, to: 20, reason: 'slow' })
    expect(l.limit).toBe(20)
  })

  it('does not raise a limit nobody reaches, nor between three quarters of the target and the target', () => {
    const idle = limitOf()
    cutTo200(idle)
    expect(requests(idle, 300, 100, 10_000, 50)).toBeNull()
    expect(idle.limit).toBe(200)
    const middling = limitOf()
    cutTo200(middling)
    expect(requests(middling, 300, 900, 10_000, 200)).toBeNull()
    expect(middling.limit).toBe(200)
  })

  it('never goes under min(cap, 8) nor over the cap', () => {
    const low = limitOf()
    for (let round = 0; round < 20; round++) requests(low, 120, 60_000, round * 100_000, 3)
    expect(low.limit).toBe(8)
    const tiny = limitOf(5)
    requests(tiny, 120, 60_000, 0, 5)
    expect(tiny.limit).toBe(5)
    const high = limitOf(10)
    requests(high, 120, 60_000, 0, 10)
    for (let round = 1; round < 30; round++) requests(high, 120, 10, round * 10_000, 10)
    expect(high.limit).toBe(10)
  })

  it('keeps a bounded, uniform sample of a busy window', () => {
    const l = limitOf()
    // 4,096 fast answers fill the sample, then 6,000 slow ones: a uniform sample is mostly slow.
    let change: LimitChange | null = null
    for (let i = 0; i < 10_096; i++) {
      const end = 1 + i / 10
      change = l.record(end - (i < 4_096 ? 100 : 3_000), end, 500) ?? change
      expect(l.sampled).toBeLessThanOrEqual(4_096)
    }
    expect(change).toMatchObject({ reason: 'slow', p90Ms: 3_000 })
  })

  it('settles a storm on a saturated server near the concurrency that meets the target', () => {
    // A server doing 100 requests/s, queueing the rest: a request waits inUse / 100 s.
    // 1 s target: sustainable concurrency is 100. The storm keeps every admitted place filled.
    // Requests are registered as they begin, as the gateway does (FIFO: the oldest answers first).
    const l = new AdaptiveSessionLimit({ max: 2_000, targetMs: TARGET, windowMs: WINDOW })
    const queue: { token: number; start: number }[] = []
    for (let i = 0; i < 2_000; i++) queue.push({ token: l.begin(0), start: 0 })
    const limits: number[] = []
    for (let t = 10; t < 300_000; t += 10) {
      // One request completes every 10 ms, after queueing behind the others in progress.
      const done = queue.shift()!
      l.record(done.start, t, queue.length + 1, done.token)
      // The storm fills every place the limit leaves.
      while (queue.length < l.limit) {
        l.admitting(t, queue.length)
        queue.push({ token: l.begin(t), start: t })
      }
      if (t % 1_000 === 0) limits.push(l.limit)
    }
    const settled = limits.slice(-120)
    expect(Math.min(...settled)).toBeGreaterThanOrEqual(40)
    expect(Math.max(...settled)).toBeLessThanOrEqual(110)
    expect(l.unanswered).toBe(queue.length)
  })

  describe('requests that do not answer', () => {
    it('cuts the limit once requests in progress are older than the target, though none answered', () => {
      const l = limitOf()
      // 30 sessions begin in the first 300 ms and their store never answers.
      for (let i = 0; i < 30; i++) l.begin(i * 10)
      // Admission attempts while they hang: nothing to judge before they pass the target.
      for (let t = 400; t <= TARGET; t += 100) expect(l.admitting(t, 30)).toBeNull()
      let change: LimitChange | null = null
      for (let t = TARGET + 100; t <= 2_000 && !change; t += 100) change = l.admitting(t, 30)
      // First judged at 1,300 ms (looks 250 ms apart): ages 1,010 to 1,300, p90 1,270 -> 30 x 1,000 / 1,270.
      expect(change).toEqual({ from: 1_000, to: 23, reason: 'slow', p90Ms: 1_270 })
      expect(l.limit).toBe(23)
    })

    it('counts hanging requests only in a window with too few answers', () => {
      // 20 fast answers: they decide alone, however many requests hang (their ages are lower bounds).
      const enough = limitOf()
      for (let i = 0; i < 10; i++) enough.begin(i)
      let change: LimitChange | null = null
      for (let i = 0; i < 20; i++) {
        const start = 1_050 + i * 10
        change = enough.record(start, start + 100, 200, enough.begin(start)) ?? change
      }
      expect(change).toBeNull()
      expect(enough.limit).toBe(1_000)
      // 10 answers of 1.2 s and 15 requests hanging: judged together (p90 over the hanging ones' ages).
      const few = limitOf()
      for (let i = 0; i < 15; i++) few.begin(i)
      for (let i = 0; i < 10; i++) {
        const start = 100 + i
        few.record(start, start + 1_200, 200, few.begin(start))
      }
      let cut: LimitChange | null = null
      for (let t = 1_400; t <= 2_500 && !cut; t += 100) cut = few.admitting(t, 200)
      expect(cut).toMatchObject({ from: 1_000, reason: 'slow' })
      expect(few.limit).toBeLessThan(200)
    })

    it('forgets a request once it answered, and does not count ones that began before the last cut', () => {
      const answered = limitOf()
      for (let i = 0; i < 30; i++) answered.record(i * 10, i * 10 + 50, 30, answered.begin(i * 10))
      expect(answered.unanswered).toBe(0)
      for (let t = 2_000; t <= 4_000; t += 100) expect(answered.admitting(t, 30)).toBeNull()

      const l = limitOf()
      cutTo200(l)
      for (let i = 0; i < 30; i++) l.begin(CUT_AT - 100 + i)
      // Hanging since before the cut, with fewer sessions than the limit in progress: no second cut.
      for (let t = CUT_AT + 1_100; t <= CUT_AT + 5_000; t += 100) expect(l.admitting(t, 150)).toBeNull()
      expect(l.limit).toBe(200)
    })
  })
})
