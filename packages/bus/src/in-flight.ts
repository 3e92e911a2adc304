/** Runs background tasks with a concurrency limit and lets the owner wait for all of them. */
export class InFlight {
  private readonly running = new Set<Promise<void>>()
  private readonly waiters: (() => void)[] = []

  constructor(private readonly limit: number) {}

  /** Number of tasks running now. */
  get size(): number {
    return this.running.size
  }

  /** Resolves once fewer than `limit` tasks run. */
  async slot(): Promise<void> {
    while (this.running.size >= this.limit) await new Promise<void>((resolve) => this.waiters.push(resolve))
  }

  /** Starts a task; a rejection is swallowed here, so tasks must handle their own errors. */
  run(task: () => Promise<void>): void {
    const p: Promise<void> = task()
      .catch(() => {})
      .finally(() => {
        this.running.delete(p)
        this.waiters.shift()?.()
      })
    this.running.add(p)
  }

  /** Resolves when every task started so far (and any they started meanwhile) finished. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running])
  }
}
