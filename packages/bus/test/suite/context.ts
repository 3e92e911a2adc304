import type { Bus, Stopper } from '@acs/bus'
import { informHookV1, type InformHookV1 } from '@acs/contracts'
import { fixtureFor } from '@acs/contracts/testing'
import type { LogLine } from '../helpers.js'

/** What the shared suite needs from one bus implementation. */
export interface BusHarness {
  bus: Bus
  /** Another process of the same deployment (NATS: a second connection; in-process: the same bus). */
  peer(): Promise<Bus>
  /** A new bus of the same kind, for a test that closes it (the caller closes it). */
  openSeparate(): Promise<Bus>
  /** Stores a payload on `subject` without validation, as a foreign producer could. */
  injectRaw(subject: string, payload: unknown): Promise<void>
  /** Every line the buses of this harness logged. */
  logs: LogLine[]
  /** TTL for the expiry test's bucket. */
  kvTtlMs: number
  /** Lets `ms` pass for KV expiry (in-process: advances the injected clock; NATS: nothing). */
  passTime(ms: number): void
  close(): Promise<void>
}

/** Handed to each part of the suite: the harness (opened in beforeAll) and a stopper collector. */
export interface SuiteContext {
  readonly harness: BusHarness
  readonly bus: Bus
  /** Registers a stopper to run after the current test. */
  keep(stop: Stopper): Stopper
}

/** A valid inform hook request for a device. */
export const hook = (device: string): InformHookV1 => fixtureFor(informHookV1, { deviceId: device })
