/** A background loop that runs one pass at a time, every interval, until stopped. */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Stopper } from '@acs/bus'
import type { Logger } from 'pino'

/** Runs `pass` now and then every `intervalMs` after the previous pass ended; a failing pass is logged. */
export function startLoop(name: string, intervalMs: number, pass: () => Promise<unknown>, logger: Logger): Stopper {
  const stop = new AbortController()
  const done = (async () => {
    while (!stop.signal.aborted) {
      try {
        await pass()
      } catch (err) {
        logger.warn({ err, loop: name }, 'background pass failed; trying again at the next interval')
      }
      await sleep(intervalMs, undefined, { signal: stop.signal }).catch(() => undefined)
    }
  })()
  return async () => {
    stop.abort()
    await done
  }
}
