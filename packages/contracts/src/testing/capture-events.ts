import { randomUUID } from 'node:crypto'
import type { Static, TSchema } from '@sinclair/typebox'
import type { EventContract } from '../define.js'

/**
 * The part of the bus captureEvents needs; `@acs/bus`'s Bus fits. Declared here so that contracts
 * does not depend on the bus (the bus depends on contracts).
 */
export interface EventSource {
  consume<S extends TSchema>(
    contract: EventContract<S>,
    options: { durable: string; filter?: string; newOnly?: boolean },
    handler: (delivery: { subject: string; payload: Static<S> }) => Promise<void>,
  ): Promise<() => Promise<void>>
}

/** What a service really published on one contract, as seen by a consumer. */
export interface Capture<T> {
  /** Payloads in arrival order (already validated by the bus). */
  readonly events: T[]
  /** Subject of each event, same order. */
  readonly subjects: string[]
  /** Resolves with the first `n` events once they arrived; rejects after `timeoutMs` (default 5 s). */
  waitFor(n: number, options?: { timeoutMs?: number }): Promise<T[]>
  /** Stops capturing (the durable stays on the server, as every durable does). */
  stop(): Promise<void>
}

/**
 * Subscribes with a fresh durable that sees only new messages and collects what arrives, for
 * producer contract tests. On a work-queue stream the capture competes with the real consumer
 * (each command goes to one of them), so capture commands only where their consumer is not running.
 */
export async function captureEvents<S extends TSchema>(
  bus: EventSource,
  contract: EventContract<S>,
  filter?: string,
): Promise<Capture<Static<S>>> {
  const events: Static<S>[] = []
  const subjects: string[] = []
  const waiters = new Set<() => void>()
  const stop = await bus.consume(
    contract,
    { durable: `capture_${randomUUID().replaceAll('-', '')}`, filter, newOnly: true },
    async ({ subject, payload }) => {
      events.push(payload)
      subjects.push(subject)
      for (const wake of waiters) wake()
    },
  )
  return {
    events,
    subjects,
    stop,
    waitFor(n, options = {}) {
      const timeoutMs = options.timeoutMs ?? 5_000
      if (events.length >= n) return Promise.resolve(events.slice(0, n))
      return new Promise((resolve, reject) => {
        const check = () => {
          if (events.length < n) return
          cleanup()
          resolve(events.slice(0, n))
        }
        const timer = setTimeout(() => {
          cleanup()
          reject(new Error(`expected ${n} ${contract.name} events within ${timeoutMs} ms, got ${events.length}`))
        }, timeoutMs)
        const cleanup = () => {
          clearTimeout(timer)
          waiters.delete(check)
        }
        waiters.add(check)
      })
    },
  }
}
