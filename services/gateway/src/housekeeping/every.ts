/**
 * Runs `task` every `intervalMs` (and once right away with `immediately`) without keeping the
 * process alive; a failed run goes to `onError` and the next tick tries again. Returns the stop.
 */
export function every(intervalMs: number, task: () => Promise<unknown>, onError: (err: unknown) => void, options: { immediately?: boolean } = {}): () => void {
  const run = () => void task().catch(onError)
  if (options.immediately) run()
  const timer = setInterval(run, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
