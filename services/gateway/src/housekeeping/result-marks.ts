import type { Logger } from 'pino'
import type { RpcQueueStore } from '@acs/store'
import { every } from './every.js'

/**
 * Tells the store which RPC results were published, in batches: one write a second (or per 200
 * results) instead of one per RPC. A mark lost in a crash only makes the result be published
 * again later (ResultRepublisher), which its idempotency key and the owners' booking absorb.
 */
export class ResultMarks {
  private ids: string[] = []
  private flushing: Promise<void> | null = null
  private readonly stopTimer: () => void

  constructor(
    private readonly queue: RpcQueueStore,
    private readonly logger: Logger,
    private readonly batch = 200,
    intervalMs = 1_000,
  ) {
    // flush() never rejects: a failed write is logged there and retried.
    this.stopTimer = every(intervalMs, () => this.flush(), () => undefined)
  }

  /** Records that the result of RPC `id` was published. */
  add(id: string): void {
    this.ids.push(id)
    if (this.ids.length >= this.batch) void this.flush()
  }

  /** Writes the marks collected so far; a failed write keeps them for the next flush. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing
    if (this.ids.length === 0) return
    const ids = this.ids
    this.ids = []
    this.flushing = this.queue.resultsPublished(ids).then(
      () => undefined,
      (err: unknown) => {
        this.ids.push(...ids)
        this.logger.warn({ err, results: ids.length }, 'could not mark RPC results as published; retrying')
      },
    )
    try {
      await this.flushing
    } finally {
      this.flushing = null
    }
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    this.stopTimer()
    await this.flush()
  }
}
