/**
 * Runs `stop` once on SIGTERM or SIGINT, then exits 0 (1 if it failed or overran the grace
 * period). A second signal exits at once.
 */
export function onShutdownSignal(stop: () => Promise<void>, options: { graceMs: number; log?: (msg: string) => void }): void {
  let stopping = false
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1)
    stopping = true
    options.log?.(`received ${signal}, shutting down (grace ${options.graceMs} ms)`)
    const timer = setTimeout(() => {
      options.log?.('shutdown grace period exceeded, exiting')
      process.exit(1)
    }, options.graceMs)
    timer.unref()
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        options.log?.(`shutdown failed: ${err instanceof Error ? err.message : String(err)}`)
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', handler)
  process.on('SIGINT', handler)
}
