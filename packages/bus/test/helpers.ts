import { randomUUID } from 'node:crypto'
import type { BusLogger } from '@acs/bus'

/** A promise with its resolve function, to hold a handler until the test releases it. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {}
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

/** Polls `check` until it returns true; rejects after `timeoutMs` (fails a hung test, asserts no timing). */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** A fresh subject token, so each test only sees its own messages on shared streams. */
export function uniqueToken(prefix = 'dev'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`
}

/** One captured log line. */
export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error'
  fields: Record<string, unknown>
  message: string
}

/** A logger that records every line, to assert on what the bus decided (terminate, redeliver...). */
export function captureLogger(): { logger: BusLogger; lines: LogLine[] } {
  const lines: LogLine[] = []
  const at = (level: LogLine['level']) => (fields: Record<string, unknown>, message: string) => {
    lines.push({ level, fields, message })
  }
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines }
}
