/** How the adaptive limit is tuned; `max` is the configured cap, which it never exceeds. */
export interface AdaptiveLimitOptions {
  max: number
  /** Request latency the limit keeps 90% of requests under. */
  targetMs: number
  /** How often the limit is reconsidered (it also waits for `MIN_SAMPLES` requests). */
  windowMs: number
}

/** A move of the limit, for the log and the metrics. */
export interface LimitChange {
  from: number
  to: number
  /** The window's 90th percentile was over the target (cut) or under three quarters of it (raise). */
  reason: 'slow' | 'healthy'
  p90Ms: number
}

const MIN_SAMPLES = 20
/** Latencies kept per window; beyond, a uniform sample of them (reservoir). */
const MAX_SAMPLES = 4_096
const MIN_CUT = 0.5
const MAX_CUT = 0.9
/**
 * A window under this share of the target raises the limit. Above a half, so that requests waiting
 * the whole hook deadline for a slow in-session service (at most half the target, by config) do not
 * by themselves keep a cut limit down.
 */
const RAISE_BELOW = 0.75
const RAISE = 1.1
/** Far under the target (a quarter), the limit doubles: back from a storm's cut in a few windows. */
const FAST_RAISE_BELOW = 0.25
const FAST_RAISE = 2
/** The limit is raised only when it was nearly reached; an idle replica learns nothing about load. */
const BUSY_SHARE = 0.9

/**
 * The number of concurrent sessions one replica admits, adapted to how fast it answers.
 *
 * Behind a store (or a gateway CPU) that slows under load, a fixed session cap lets a reconnect
 * storm admit more sessions than can be served within the CPEs' HTTP timeouts: every admitted
 * session waits, times out at the CPE and is retried, and nothing completes. This keeps the 90th
 * percentile of request latency under a target instead.
 * - Cut: a window whose p90 is over the target scales the most sessions it had in progress by
 *   target / p90 (Little's law: at the same throughput, latency falls with concurrency), between
 *   0.5 and 0.9 of them.
 * - Hold: no further cut while more sessions are in progress than the limit (those admitted before
 *   the cut are still draining, and no new one is admitted anyway); requests that started before
 *   the cut are not counted, since they queued behind them.
 * - Raise: a window whose p90 is under three quarters of the target, with the limit nearly
 *   reached, raises it by a tenth (doubles it under a quarter of the target), up to `max`.
 * A window closes at the first answered request or admission attempt once it is `windowMs` old and
 * holds `MIN_SAMPLES` requests started after the last cut.
 * - Unanswered: a window with fewer than `MIN_SAMPLES` answers also counts the requests still in
 *   progress past the target, at their age so far (`begin` registers them). A store that stops
 *   answering altogether therefore cuts the limit within about the target plus a second, where
 *   answered requests alone would never close a window. While enough requests answer, the answers
 *   alone decide: ages so far are only lower bounds (a window judged by them, just over the target,
 *   would cut by a tenth only and hide the real latencies that follow).
 */
export class AdaptiveSessionLimit {
  private current: number
  private readonly min: number
  private windowStart: number | null = null
  private samples: number[] = []
  private seen = 0
  private peakInUse = 0
  private lastCutAt = Number.NEGATIVE_INFINITY
  /** Requests in progress by token, in the order they began: the oldest first (monotonic start times). */
  private readonly inFlight = new Map<number, number>()
  private nextToken = 0
  private lastOverdueLook = Number.NEGATIVE_INFINITY

  constructor(
    private readonly options: AdaptiveLimitOptions,
    private readonly random: () => number = Math.random,
  ) {
    this.current = options.max
    this.min = Math.min(options.max, 8)
  }

  /** Sessions admitted now; between `min(max, 8)` and `max`. */
  get limit(): number {
    return this.current
  }

  /** Whether the limit was cut within the last `ms` (monotonic `nowMs`). */
  cutWithin(nowMs: number, ms: number): boolean {
    return nowMs - this.lastCutAt < ms
  }

  /** Latencies kept for the window in progress (at most MAX_SAMPLES). */
  get sampled(): number {
    return this.samples.length
  }

  /**
   * A new session asks to be admitted with `inUse` sessions in progress (monotonic ms): counts for
   * the raise rule, and closes a window that is due, so a burst of slow answers cuts the limit
   * before the next session is admitted.
   */
  admitting(nowMs: number, inUse: number): LimitChange | null {
    return this.observe(nowMs, inUse)
  }

  /**
   * A request began at monotonic `startMs` (never earlier than the last call's: the overdue look
   * reads the requests in the order they began); pass the returned token to `record` when it ends.
   */
  begin(startMs: number): number {
    this.windowStart ??= startMs
    const token = this.nextToken++
    this.inFlight.set(token, startMs)
    return token
  }

  /**
   * A request ended; returns the change when this closed a window that moved the limit. Times are
   * monotonic milliseconds; `inUse` is the number of sessions in progress now; `token` is what
   * `begin` gave the request (none: it was not registered).
   */
  record(startMs: number, endMs: number, inUse: number, token?: number): LimitChange | null {
    if (token !== undefined) this.inFlight.delete(token)
    this.windowStart ??= endMs
    if (startMs >= this.lastCutAt) this.keep(endMs - startMs)
    return this.observe(endMs, inUse)
  }

  /** Requests in progress now. */
  get unanswered(): number {
    return this.inFlight.size
  }

  /** Counts `inUse` for the window's peak, and closes the window if it is due. */
  private observe(nowMs: number, inUse: number): LimitChange | null {
    if (inUse > this.peakInUse) this.peakInUse = inUse
    if (this.windowStart === null || nowMs - this.windowStart < this.options.windowMs) return null
    if (this.samples.length < MIN_SAMPLES) {
      // Few answers: maybe requests hang. Looked for at most every quarter of a window.
      if (nowMs - this.lastOverdueLook < this.options.windowMs / 4) return null
      this.lastOverdueLook = nowMs
      const overdue = this.overdueAges(nowMs)
      if (this.samples.length + overdue.length < MIN_SAMPLES) return null
      for (const age of overdue) this.keep(age)
    }
    const change = this.evaluate(nowMs, inUse)
    this.windowStart = nowMs
    this.samples = []
    this.seen = 0
    this.peakInUse = 0
    return change
  }

  /** Ages of the requests in progress past the target that began after the last cut. */
  private overdueAges(nowMs: number): number[] {
    const ages: number[] = []
    for (const startMs of this.inFlight.values()) {
      if (nowMs - startMs <= this.options.targetMs) break
      if (startMs >= this.lastCutAt) ages.push(nowMs - startMs)
    }
    return ages
  }

  private keep(latencyMs: number): void {
    this.seen++
    if (this.samples.length < MAX_SAMPLES) this.samples.push(latencyMs)
    else {
      const i = Math.floor(this.random() * this.seen)
      if (i < MAX_SAMPLES) this.samples[i] = latencyMs
    }
  }

  private evaluate(nowMs: number, inUse: number): LimitChange | null {
    const from = this.current
    const sorted = this.samples.sort((a, b) => a - b)
    const p90Ms = sorted[Math.ceil(sorted.length * 0.9) - 1] ?? 0
    const { targetMs, max } = this.options
    if (p90Ms > targetMs) {
      if (inUse > from) return null
      const factor = Math.min(MAX_CUT, Math.max(MIN_CUT, targetMs / p90Ms))
      this.current = Math.max(this.min, Math.floor(Math.min(from, this.peakInUse) * factor))
      this.lastCutAt = nowMs
      return this.current === from ? null : { from, to: this.current, reason: 'slow', p90Ms }
    }
    if (p90Ms <= targetMs * RAISE_BELOW && this.peakInUse >= from * BUSY_SHARE) {
      const raised = p90Ms <= targetMs * FAST_RAISE_BELOW ? from * FAST_RAISE : Math.floor(from * RAISE)
      this.current = Math.min(max, Math.max(from + 1, raised))
      return this.current === from ? null : { from, to: this.current, reason: 'healthy', p90Ms }
    }
    return null
  }
}
