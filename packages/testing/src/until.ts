import { setTimeout as sleep } from 'node:timers/promises'

/** Limits of `until`. */
export interface UntilOptions {
  /** Give up after this long (default 10 s): a deadline for a hung test, not a timed assertion. */
  timeoutMs?: number
  /** Pause between two polls (default 20 ms). */
  intervalMs?: number
  /** Stops waiting early. */
  signal?: AbortSignal
  /** Names the awaited condition in the error. */
  what?: string
}

/**
 * Polls `fn` until it returns a value other than undefined, null or false, and returns that
 * value. A throw counts as "not yet"; the last one is the cause of the error at the deadline.
 */
export async function until<T>(fn: () => T | Promise<T>, options: UntilOptions = {}): Promise<Exclude<T, undefined | null | false>> {
  const timeoutMs = options.timeoutMs ?? 10_000
  const deadline = options.signal ? AbortSignal.any([AbortSignal.timeout(timeoutMs), options.signal]) : AbortSignal.timeout(timeoutMs)
  let lastError: unknown
  for (;;) {
    try {
      const value = await fn()
      if (value !== undefined && value !== null && value !== false) return value as Exclude<T, undefined | null | false>
    } catch (error) {
      lastError = error
    }
    if (deadline.aborted) break
    // An abort ends the sleep early; the loop then polls one last time and stops.
    await sleep(options.intervalMs ?? 20, undefined, { signal: deadline }).catch(() => undefined)
  }
  const what = options.what ?? 'condition'
  const reason = options.signal?.aborted ? 'stopped by its signal' : `not met within ${timeoutMs} ms`
  throw new Error(`until: ${what} ${reason}`, { cause: lastError })
}
