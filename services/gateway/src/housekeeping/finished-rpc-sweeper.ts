import type { Logger } from 'pino'
import type { RpcQueueStore } from '@acs/store'

const DAY_MS = 24 * 3600_000

/**
 * Keeps the RPC queue from growing for ever: deletes the RPCs that finished (done, faulted,
 * expired, cancelled) more than the retention ago, in batches, a bounded number per run so that
 * a first run over years of history does not hold the store for long. Every replica may run it:
 * two runs at once delete each RPC once.
 */
export class FinishedRpcSweeper {
  constructor(
    private readonly queue: RpcQueueStore,
    private readonly retentionDays: number,
    private readonly logger: Logger,
    private readonly batch = 1_000,
    private readonly maxBatches = 20,
  ) {}

  /** One run at `now`; returns how many RPCs it deleted (0 when retention is off). */
  async sweep(now: Date): Promise<number> {
    if (this.retentionDays <= 0) return 0
    const before = new Date(now.getTime() - this.retentionDays * DAY_MS)
    let deleted = 0
    for (let i = 0; i < this.maxBatches; i++) {
      const n = await this.queue.pruneFinished(before, this.batch)
      deleted += n
      if (n < this.batch) break
    }
    if (deleted > 0) this.logger.info({ deleted, finishedBefore: before.toISOString() }, 'deleted finished RPCs past their retention')
    return deleted
  }
}
