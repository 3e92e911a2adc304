import type { Logger } from 'pino'
import type { QueuedRpc, RpcQueueStore } from '@acs/store'

/** How long a finished RPC's result may stay unmarked before it is taken for lost and published again. */
export const RESULT_GRACE_MS = 60_000

/**
 * Publishes again the results of RPCs that ended more than RESULT_GRACE_MS ago and were never
 * marked published: the gateway died between the store write and the publish (or its mark), or
 * the bus refused the publish. The store write comes first and is the source of truth; this makes
 * its event follow at least once. Every replica may run it (duplicates carry the same
 * idempotency key).
 */
export class ResultRepublisher {
  constructor(
    private readonly queue: RpcQueueStore,
    private readonly publish: (rpc: QueuedRpc) => Promise<void>,
    private readonly logger: Logger,
    private readonly batch = 100,
  ) {}

  /** One run at `now`; returns how many results it published again. */
  async sweep(now: Date): Promise<number> {
    const pending = await this.queue.pendingResults(new Date(now.getTime() - RESULT_GRACE_MS), this.batch)
    if (pending.length === 0) return 0
    for (const rpc of pending) await this.publish(rpc)
    this.logger.warn({ results: pending.length }, 'published RPC results again that had not been marked published')
    return pending.length
  }
}
