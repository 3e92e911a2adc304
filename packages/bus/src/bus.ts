import type { Static, TSchema } from '@sinclair/typebox'
import type { EventContract, RequestContract } from '@acs/contracts'

/** Stops a background loop or subscription; resolves when in-flight handlers finished. */
export type Stopper = () => Promise<void>

/** Options of a durable publish. */
export interface PublishOptions {
  /** Overrides the contract's idempotency key (JetStream Nats-Msg-Id; duplicates are dropped). */
  idempotencyKey?: string
}

/**
 * One delivery of a durable message. The consumer loop settles it from the handler's outcome:
 * ack when it resolves, term on PermanentError (or on the last allowed delivery), otherwise a
 * delayed redelivery (backoffMs).
 */
export interface Delivery<T> {
  readonly subject: string
  readonly payload: T
  /** 1 on first delivery, then counts redeliveries. */
  readonly deliveryCount: number
  /** Tell the server the handler is still working (extends the ack deadline). */
  working(): void
}

/** Options of a durable consumer. */
export interface ConsumeOptions {
  /**
   * Durable consumer name. Every process consuming with the same name shares the work
   * (each message goes to one of them); a different name gets its own copy of every message.
   */
  durable: string
  /** Subject filter, normally `contract.filter(...)`; defaults to every subject of the contract. */
  filter?: string
  /** Messages in flight per process (default 32). */
  concurrency?: number
  /** How long a handler may run before the message is redelivered (default 30 s). */
  ackWaitMs?: number
  /** Deliveries before a failing message is given up and terminated (default 10). */
  maxDeliver?: number
  /** Start from new messages only instead of everything retained (default false: all). */
  newOnly?: boolean
}

/**
 * A handler's failure that will never succeed on retry: the message is terminated, not redelivered.
 * Anything else thrown is transient: the message is redelivered with a growing delay.
 */
export class PermanentError extends Error {
  readonly code = 'ACS_ERR_BUS_PERMANENT'
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'PermanentError'
  }
}

/** No reply arrived within the request's timeout. */
export class RequestTimeoutError extends Error {
  readonly code = 'ACS_ERR_BUS_TIMEOUT'
  constructor(subject: string, ms: number) {
    super(`no reply on ${subject} within ${ms} ms`)
    this.name = 'RequestTimeoutError'
  }
}

/** Nobody serves the request's subject right now. */
export class NoRespondersError extends Error {
  readonly code = 'ACS_ERR_BUS_NO_RESPONDERS'
  constructor(subject: string) {
    super(`nobody serves ${subject}`)
    this.name = 'NoRespondersError'
  }
}

/** Options of a single request/reply. */
export interface RequestOptions {
  timeoutMs: number
  signal?: AbortSignal
}

/** Options of a scatter-gather request. */
export interface GatherOptions {
  /** Stop waiting after this long, whatever arrived. */
  deadlineMs: number
  /** Stop as soon as this many replies arrived (normally the number of live responders). */
  expected?: number
  signal?: AbortSignal
}

/** Options of a request handler registration. */
export interface ServeOptions {
  /** Queue group: one member of the group answers each request (normally the service name). */
  queue: string
  /** Subject filter, normally `contract.filter()`; defaults to every subject of the contract. */
  filter?: string
}

/** A key-value bucket whose entries expire `ttlMs` after their last write. */
export interface KvBucket {
  get(key: string): Promise<KvEntry | null>
  /** Writes only if the key does not exist (or was deleted/expired); returns the revision, or null if it exists. */
  create(key: string, value: Uint8Array): Promise<number | null>
  /** Compare-and-set on the revision; returns the new revision, or null if the revision did not match. */
  update(key: string, value: Uint8Array, revision: number): Promise<number | null>
  put(key: string, value: Uint8Array): Promise<number>
  /** Deletes the key; with a revision, only if it still matches (returns false otherwise). */
  delete(key: string, revision?: number): Promise<boolean>
  /**
   * Calls `listener` when the bucket was lost on the server and created again (NATS restarted
   * without its storage): its entries are gone and revisions start over, so anything remembered by
   * revision must be forgotten. Returns the unsubscribe. The in-process bucket never calls it.
   */
  onReset(listener: () => void): () => void
}

/** A stored value and the revision to pass to update/delete for compare-and-set. */
export interface KvEntry {
  value: Uint8Array
  revision: number
}

/**
 * The message bus. Two implementations with the same semantics: NATS (JetStream, core
 * request/reply, KV) for the distributed mode and an in-process one for the embedded default.
 * Payloads are validated against the contract on publish (a bug: throws) and on receipt
 * (bad data: terminated and counted, never handed to the handler).
 */
export interface Bus {
  /** Durable publish; resolves once the message is stored (JetStream ack). */
  publish<S extends TSchema>(contract: EventContract<S>, subject: string, payload: Static<S>, options?: PublishOptions): Promise<void>
  /** At-least-once consumption; the handler must be idempotent. */
  consume<S extends TSchema>(
    contract: EventContract<S>,
    options: ConsumeOptions,
    handler: (delivery: Delivery<Static<S>>) => Promise<void>,
  ): Promise<Stopper>
  /** One reply from one member of a queue group. */
  request<Q extends TSchema, R extends TSchema>(
    contract: RequestContract<Q, R>,
    subject: string,
    payload: Static<Q>,
    options: RequestOptions,
  ): Promise<Static<R>>
  /** Scatter-gather: replies from every serving group, until `expected` arrived or the deadline. */
  gather<Q extends TSchema, R extends TSchema>(
    contract: RequestContract<Q, R>,
    subject: string,
    payload: Static<Q>,
    options: GatherOptions,
  ): Promise<Static<R>[]>
  serve<Q extends TSchema, R extends TSchema>(
    contract: RequestContract<Q, R>,
    options: ServeOptions,
    handler: (payload: Static<Q>, subject: string) => Promise<Static<R>>,
  ): Promise<Stopper>
  /**
   * How many distinct queue groups serve this contract right now. `serve()` registers its group
   * (with a heartbeat, so a dead service drops out within seconds); the gateway uses this as
   * `expected` for gather(), so a session waits only for services that exist.
   */
  servingGroups(contract: RequestContract): Promise<number>
  /** Opens (creating if needed) a KV bucket. */
  kv(bucket: string, options: { ttlMs: number }): Promise<KvBucket>
  /**
   * Resolves when the bus answers within `timeoutMs`: NATS after a round trip to the server, the
   * in-process bus while it is open. Rejects otherwise; readiness probes use it.
   */
  ping(timeoutMs: number): Promise<void>
  /** Flushes publishes, stops consumers and closes connections. */
  close(): Promise<void>
}

/**
 * The responder answered with an error instead of a reply: it could not decode the request
 * (`status` 400) or its handler failed or produced an invalid reply (`status` 500).
 */
export class RemoteError extends Error {
  readonly code = 'ACS_ERR_BUS_REMOTE'
  constructor(
    subject: string,
    readonly status: number,
    detail: string,
  ) {
    super(`responder on ${subject} failed (${status}): ${detail}`)
    this.name = 'RemoteError'
  }
}

/** A payload or subject this process tried to send does not match its contract (a bug in the caller). */
export class ContractViolationError extends Error {
  readonly code = 'ACS_ERR_BUS_CONTRACT'
  constructor(
    readonly contract: string,
    readonly errors: string[],
  ) {
    super(`payload does not match contract ${contract}: ${errors.join('; ')}`)
    this.name = 'ContractViolationError'
  }
}
