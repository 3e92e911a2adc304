import { setTimeout as sleep } from 'node:timers/promises'

/** Polls `check` until it returns true; fails after `timeoutMs` (a hang guard, not a timing assertion). */
export async function until(check: () => Promise<boolean> | boolean, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000)
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met before the deadline')
    await sleep(options.intervalMs ?? 20)
  }
}
