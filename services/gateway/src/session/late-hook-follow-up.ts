/** Devices waiting for their look at once, at most; past it a missed hook is not followed up (logged once per burst). */
const MAX_WAITING = 10_000

/** What the follow-up needs from the gateway. */
export interface LateHookDeps {
  /** Whether the device has RPCs queued or sent. */
  hasPending(deviceId: string): Promise<boolean>
  /** Whether a live session holds the device now (it will take the RPCs itself). */
  inSession(deviceId: string): Promise<boolean>
  /** Asks for a connection request to the device (the gateway's own command, rate-limited per device there). */
  requestConnection(deviceId: string, reason: string): Promise<void>
  warn(fields: object, message: string): void
}

/**
 * An in-session service that answers an Inform after the hook deadline still queues its RPCs, but
 * the session has gone on without them (and usually ended): they would wait for the device's next
 * Inform, hours away for a periodic one. So when an Inform's hooks miss the deadline, this
 * replica looks again `delayMs` later; if the device then has RPCs waiting and no session, it
 * asks for a connection request, which the gateway's connection-request consumer sends like any
 * other (rate-limited per device). Best effort and replica-local: a restart forgets the looks to
 * come, and the queue stays the source of truth.
 */
export class LateHookFollowUp {
  private readonly waiting = new Map<string, NodeJS.Timeout>()
  private full = false

  constructor(
    private readonly delayMs: number,
    private readonly deps: LateHookDeps,
    private readonly maxWaiting = MAX_WAITING,
  ) {}

  /** The Inform hooks of `deviceId` missed the deadline. */
  missed(deviceId: string): void {
    if (this.waiting.has(deviceId)) return
    if (this.waiting.size >= this.maxWaiting) {
      if (!this.full) this.deps.warn({ waiting: this.waiting.size }, 'too many devices with late in-session services to follow up; their RPCs wait for their next Inform')
      this.full = true
      return
    }
    this.full = false
    const timer = setTimeout(() => void this.look(deviceId), this.delayMs)
    timer.unref()
    this.waiting.set(deviceId, timer)
  }

  /** Devices with a look to come. */
  get size(): number {
    return this.waiting.size
  }

  /** Cancels every look to come. */
  close(): void {
    for (const timer of this.waiting.values()) clearTimeout(timer)
    this.waiting.clear()
  }

  private async look(deviceId: string): Promise<void> {
    this.waiting.delete(deviceId)
    try {
      if (!(await this.deps.hasPending(deviceId)) || (await this.deps.inSession(deviceId))) return
      await this.deps.requestConnection(deviceId, 'an in-session service queued RPCs after the hook deadline')
    } catch (err) {
      this.deps.warn({ err, deviceId }, 'could not follow up a late in-session service; its RPCs wait for the next Inform')
    }
  }
}
