import type { AdaptiveSessionLimit, LimitChange } from './adaptive-session-limit.js'

/** Why a new session was turned away. */
export type AdmissionRefusal = 'session-cap' | 'overload'

/**
 * Caps the sessions one replica runs at once: at the configured cap, and (when `adaptive` is
 * given) at the lower limit that keeps its requests' latency under target. A session counts from its admitted Inform until it
 * ends here or goes quiet for the session timeout. Sessions are replica-local knowledge: one that
 * continues on another replica keeps counting here until it times out, and there it counts only
 * while one of its requests is in progress (`enter`/`leave`). This guards this process's
 * resources; it is not a fleet-wide quota.
 */
export class Admission {
  private readonly active = new Map<string, number>()
  private reserved = 0
  private foreign = 0
  private requests = 0

  constructor(
    private readonly cap: number,
    private readonly timeoutMs: number,
    private readonly adaptive: AdaptiveSessionLimit | null = null,
  ) {}

  /** Sessions admitted at once now. */
  get limit(): number {
    return Math.min(this.cap, this.adaptive?.limit ?? this.cap)
  }

  /**
   * Whether this replica is shedding load, or did within the last `recentMs` (monotonic `nowMs`):
   * its adaptive limit is under the cap, or was cut that recently.
   */
  shedding(nowMs: number, recentMs: number): boolean {
    return this.limit < this.cap || (this.adaptive?.cutWithin(nowMs, recentMs) ?? false)
  }

  /** Sessions counted now. */
  get size(): number {
    return this.active.size + this.reserved + this.foreign
  }

  /**
   * Holds a place for a new session (an Inform being processed) at monotonic time `nowMs`; null, or
   * why there is none. `onChange` hears of an adaptive-limit move this attempt caused.
   */
  tryReserve(nowMs: number, onChange?: (change: LimitChange) => void): AdmissionRefusal | null {
    const size = this.size
    // Seen at the cap too: there, with the store hung, admission attempts are all the limit hears.
    const change = this.adaptive?.admitting(nowMs, size)
    if (change) onChange?.(change)
    if (size >= this.cap) return 'session-cap'
    if (this.adaptive && size >= this.adaptive.limit) return 'overload'
    this.reserved++
    return null
  }

  /** Requests admitted here and not answered yet (`began` and not `answered`). */
  get inProgress(): number {
    return this.requests
  }

  /** A request admitted here began (monotonic ms); pass the token to `answered`. */
  began(startMs: number): number | undefined {
    this.requests++
    return this.adaptive?.begin(startMs)
  }

  /**
   * A request admitted here (of a new session or a running one) was answered; monotonic ms.
   * Returns the adaptive limit's change, if this request closed a window that moved it.
   */
  answered(startMs: number, endMs: number, token?: number): LimitChange | null {
    this.requests--
    return this.adaptive?.record(startMs, endMs, this.size, token) ?? null
  }

  /** The reserved Inform opened a session. */
  commit(sessionId: string, nowMs: number): void {
    this.reserved = Math.max(0, this.reserved - 1)
    this.active.set(sessionId, nowMs)
  }

  /** The reserved Inform did not open a session. */
  release(): void {
    this.reserved = Math.max(0, this.reserved - 1)
  }

  /** Records activity of a session; false if this replica does not count it. */
  touch(sessionId: string, nowMs: number): boolean {
    if (!this.active.has(sessionId)) return false
    this.active.set(sessionId, nowMs)
    return true
  }

  /** A session counted here ended; true if it was counted. */
  end(sessionId: string): boolean {
    return this.active.delete(sessionId)
  }

  /** A request of a session admitted elsewhere starts / finishes here. */
  enter(): void {
    this.foreign++
  }
  leave(): void {
    this.foreign = Math.max(0, this.foreign - 1)
  }

  /** Drops sessions quiet for longer than the timeout; returns how many (they timed out). */
  sweep(nowMs: number): number {
    let n = 0
    for (const [id, at] of this.active) {
      if (nowMs - at > this.timeoutMs) {
        this.active.delete(id)
        n++
      }
    }
    return n
  }
}
