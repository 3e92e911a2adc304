/**
 * The wait before session retry number `retryCount` (1 for the first retry), TR-069 §3.2.1.1:
 * a random time in [m·k^(n-1), m·k^n] seconds with m = CWMPRetryMinimumWaitInterval,
 * k = CWMPRetryIntervalMultiplier / 1000 and n capped at 10. Returns milliseconds.
 */
export function retryDelayMs(retryCount: number, minimumWaitSeconds = 5, intervalMultiplier = 2000, random: () => number = Math.random): number {
  const { min, max } = retryWindowSeconds(retryCount, minimumWaitSeconds, intervalMultiplier)
  return Math.round((min + random() * (max - min)) * 1000)
}

/** The [min, max] window in seconds of {@link retryDelayMs}. */
export function retryWindowSeconds(retryCount: number, minimumWaitSeconds = 5, intervalMultiplier = 2000): { min: number; max: number } {
  const n = Math.min(Math.max(1, Math.floor(retryCount)), 10)
  const m = clamp(minimumWaitSeconds, 1, 65535)
  const k = clamp(intervalMultiplier, 1000, 65535) / 1000
  return { min: m * k ** (n - 1), max: m * k ** n }
}

function clamp(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : lo
}
