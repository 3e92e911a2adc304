import type { Bus } from '@acs/bus'
import { informHookV1 } from '@acs/contracts'

/**
 * How many services answer the in-session Inform hook, cached for `ttlMs` so a session costs no
 * extra round trip; concurrent callers share one lookup. A service that starts or dies is noticed
 * within the TTL (a dead one costs at most the hook deadline meanwhile).
 */
export class HookGroups {
  private value = 0
  private fetchedAt = -Infinity
  private pending: Promise<number> | null = null

  constructor(
    private readonly bus: Bus,
    private readonly ttlMs = 1_000,
  ) {}

  /** The number of queue groups serving informHookV1 (0 on a lookup failure: sessions then skip hooks). */
  async count(nowMs: number): Promise<number> {
    if (nowMs - this.fetchedAt < this.ttlMs) return this.value
    this.pending ??= this.bus
      .servingGroups(informHookV1)
      .catch(() => 0)
      .then((n) => {
        this.value = n
        this.fetchedAt = nowMs
        this.pending = null
        return n
      })
    return this.pending
  }
}
