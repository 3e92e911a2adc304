import { describe, expect, it } from 'vitest'
import { retryDelayMs, retryWindowSeconds } from '../../src/device/retry-backoff.js'

describe('session retry back-off (TR-069 §3.2.1.1)', () => {
  it.each([
    [1, 5, 10],
    [2, 10, 20],
    [3, 20, 40],
    [5, 80, 160],
    [9, 1280, 2560],
    [10, 2560, 5120],
  ])('retry %i waits between %i and %i seconds with the default parameters', (n, min, max) => {
    expect(retryWindowSeconds(n)).toEqual({ min, max })
  })

  it('stops growing after the tenth retry', () => {
    expect(retryWindowSeconds(25)).toEqual(retryWindowSeconds(10))
  })

  it('stays inside the window for the extremes of the random source', () => {
    expect([retryDelayMs(3, 5, 2000, () => 0), retryDelayMs(3, 5, 2000, () => 0.999999)]).toEqual([20_000, 40_000])
  })

  it('uses CWMPRetryMinimumWaitInterval and CWMPRetryIntervalMultiplier', () => {
    expect(retryWindowSeconds(2, 30, 1500)).toEqual({ min: 45, max: 67.5 })
  })
})
