import { RateLimiter } from '../limits/token-bucket.js'

/** Devices waiting for their look at once, at most; past it a missed hook is not followed up (logged once per burst). */
const MAX_WAITING = 10_000
/**
 * Connection requests a replica sends for late hooks, per second (burst 2x): after a storm, the
 * devices it missed are woken a few at a time, not all at once into a store just recovering.
 */
const WAKES_PER_SECOND = 10

/** What the follow-up needs from the gateway. */
export interface LateHookDeps {
  /** Whether the device has RPCs queued at or after `sinceMs` (epoch ms) and not expired now. */
  queuedSince(deviceId: string, sinceMs: number): Promise<boolean>
  /** Whether a live session holds the device now (it will take the RPCs itself). */
  inSession(deviceId: string): Promise<boolean>
  /** Whether this replica is shedding load (its adaptive session limit is cut, or was a minute ago): waking devices would add to it. */
  overloaded(): boolean
  /** Asks for a connection request to the device (the gateway's own command, rate-limited per device there). */
  requestConnection(deviceId: string, reason: string): Promise<void>
  warn(fields: object, message: string): void
}

/** Whether any of a device's queued RPCs was queued at or after `sinceMs` and has not expired at `nowMs`. */
export function anyQueuedSince(queued: readonly { createdAt: Date; expiresAt?: Date | undefined }[], sinceMs: number, nowMs: number): boolean {
  return queued.some((rpc) => rpc.createdAt.getTime() >= sinceMs && (rpc.expiresAt === undefined || rpc.expiresAt.getTime() > nowMs))
}

/** The Inform event of a session a connection request started (TR-069 §3.7.1.5). */
const CONNECTION_REQUEST_EVENT = '6 CONNECTION REQUEST'

/**
 * An in-session service that answers an Inform after the hook deadline still queues its RPCs, but
 * the session has gone on without them (and usually ended): they would wait for the device's next
 * Inform, hours away for a periodic one. So when an Inform's hooks miss the deadline, this
 * replica looks again `delayMs` later; if RPCs were queued for the device since that Inform began
 * and are still deliverable, and no session holds the device, it asks for a connection request,
 * which the gateway's connection-request consumer sends like any other (rate-limited per device).
 * A session that a connection request started is not followed up: a service that stays slow must
 * not have the gateway wake the device again and again. A look is put off by another delay while
 * the replica sheds load (its adaptive session limit is cut, or was within the last minute: a
 * woken device would only add a session to the overload), and when WAKES_PER_SECOND devices were
 * already woken. Best effort and replica-local: a restart forgets the looks to come, and the queue
 * stays the source of truth.
 */
export class LateHookFollowUp {
  private readonly waiting = new Map<string, NodeJS.Timeout>()
  private readonly wakes: RateLimiter
  private dropped = 0
  private lastWarnAt = Number.NEGATIVE_INFINITY
  private closed = false

  constructor(
    private readonly delayMs: number,
    private readonly deps: LateHookDeps,
    private readonly maxWaiting = MAX_WAITING,
    private readonly clock: () => number = Date.now,
    wakesPerSecond = WAKES_PER_SECOND,
  ) {
    this.wakes = new RateLimiter(wakesPerSecond, 1)
  }

  /** The hooks of an Inform of `deviceId` that began at `informAtMs` (epoch ms), with these event codes, missed the deadline. */
  missed(deviceId: string, informAtMs: number, events: readonly string[]): void {
    if (this.closed || events.includes(CONNECTION_REQUEST_EVENT) || this.waiting.has(deviceId)) return
    if (this.waiting.size >= this.maxWaiting) {
      this.dropped++
      const now = this.clock()
      if (now - this.lastWarnAt >= this.delayMs) {
        this.deps.warn({ waiting: this.waiting.size, dropped: this.dropped }, 'too many devices with late in-session services to follow up; their RPCs wait for their next Inform')
        this.lastWarnAt = now
        this.dropped = 0
      }
      return
    }
    this.arm(deviceId, informAtMs)
  }

  /** Another look one delay later, unless closed or a newer miss already armed one. */
  private putOff(deviceId: string, informAtMs: number): void {
    if (!this.closed && !this.waiting.has(deviceId)) this.arm(deviceId, informAtMs)
  }

  private arm(deviceId: string, informAtMs: number): void {
    const timer = setTimeout(() => void this.look(deviceId, informAtMs), this.delayMs)
    timer.unref()
    this.waiting.set(deviceId, timer)
  }

  /** Devices with a look to come. */
  get size(): number {
    return this.waiting.size
  }

  /** Cancels every look to come; later misses are ignored. */
  close(): void {
    this.closed = true
    for (const timer of this.waiting.values()) clearTimeout(timer)
    this.waiting.clear()
  }

  private async look(deviceId: string, informAtMs: number): Promise<void> {
    this.waiting.delete(deviceId)
    if (this.closed) return
    if (this.deps.overloaded()) return this.putOff(deviceId, informAtMs)
    try {
      if (!(await this.deps.queuedSince(deviceId, informAtMs)) || (await this.deps.inSession(deviceId))) return
      if (!this.wakes.take('wake', this.clock())) return this.putOff(deviceId, informAtMs)
      await this.deps.requestConnection(deviceId, 'an in-session service queued RPCs after the hook deadline')
    } catch (err) {
      this.deps.warn({ err, deviceId }, 'could not follow up a late in-session service; its RPCs wait for the next Inform')
    }
  }
}
