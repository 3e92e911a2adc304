import type { CwmpBody, CwmpFault } from '@acs/contracts'

/** Life of a queued RPC: 'queued' -> 'sent' -> 'done' | 'faulted'; or 'expired' / 'cancelled' before delivery. */
export type RpcStatus = 'queued' | 'sent' | 'done' | 'faulted' | 'expired' | 'cancelled'

/** The statuses an RPC never leaves. */
export const FINISHED_STATUSES: readonly RpcStatus[] = ['done', 'faulted', 'expired', 'cancelled']

/** An RPC waiting for (or delivered to) a device. `id` is also the cwmp:ID it is sent with. */
export interface QueuedRpc {
  /** Time-ordered unique id: queue order is id order. */
  id: string
  deviceId: string
  /** The service that queued it; its result is published to that service. */
  service: string
  /** The CPE request as a codec body, e.g. { method: 'GetParameterValues', parameterNames: [...] }. */
  request: CwmpBody
  status: RpcStatus
  /** If set, a CPE fault on this RPC also fails the still-queued RPCs of the same group. */
  group?: string
  /** The owner wants to decide on follow-ups in the same session when the response arrives. */
  awaited: boolean
  /** Opaque to the gateway; echoed in the result (task id, job id...). */
  correlationId?: string
  /** A retried enqueue with the same key returns the first RPC instead of adding another. */
  idempotencyKey?: string
  /** Not sent after this instant; expired instead. */
  expiresAt?: Date
  createdAt: Date
  updatedAt: Date
  /** How many times it was sent (a session that died with it in flight makes it > 1). */
  attempts: number
  /** The session that holds it while status is 'sent'. */
  sessionId?: string
  sentAt?: Date
  completedAt?: Date
  response?: CwmpBody
  fault?: CwmpFault
  /**
   * Set by the step that ended the RPC for the gateway (complete, expireDue, failGroup): its result
   * event is not known to be published yet. Cleared by resultsPublished.
   */
  resultPending?: boolean
}

/** What a service hands the queue; the store fills in id, status, times and attempts. */
export interface EnqueueRpc {
  deviceId: string
  service: string
  request: CwmpBody
  group?: string
  awaited?: boolean
  correlationId?: string
  idempotencyKey?: string
  expiresAt?: Date
}

/** The CPE's answer to an RPC: its response, or its fault. */
export type RpcCompletion =
  | { status: 'done'; response: CwmpBody }
  | { status: 'faulted'; fault: CwmpFault }

/**
 * The device RPC queue: written by any service, claimed and completed by the gateway.
 * Every method is one atomic single-document step (no multi-document transactions), safe to retry.
 */
export interface RpcQueueStore {
  enqueue(input: EnqueueRpc, now: Date): Promise<QueuedRpc>
  /**
   * Atomically takes the oldest RPC of the device that is 'queued', or 'sent' by another
   * (dead) session, marks it 'sent' by this session and returns it. Skips (and leaves to
   * expireDue) RPCs past expiresAt. Two concurrent callers never get the same RPC.
   * "Sent by another session" means sent before `now`: a session that claimed at the same
   * instant is not taken for dead, so concurrent claims spread over the queue instead of
   * stealing from each other.
   */
  claimNext(deviceId: string, sessionId: string, now: Date): Promise<QueuedRpc | null>
  /** Records the outcome of an RPC this session holds; null if it was not held by the session. */
  complete(id: string, sessionId: string, completion: RpcCompletion, now: Date): Promise<QueuedRpc | null>
  /**
   * Marks the device's queued RPCs past expiresAt as 'expired' and returns them. With
   * `sessionId` (the live session), RPCs left 'sent' past expiresAt by other, dead sessions are
   * expired too: they are never claimed again, so they would otherwise stay 'sent' for ever.
   */
  expireDue(deviceId: string, now: Date, options?: { sessionId?: string }): Promise<QueuedRpc[]>
  /** Fails the still-queued RPCs of a group (after a CPE fault on one of them). */
  failGroup(deviceId: string, group: string, fault: CwmpFault, now: Date): Promise<QueuedRpc[]>
  /** Cancels a queued RPC; null if it is no longer queued. */
  cancel(id: string, now: Date): Promise<QueuedRpc | null>
  get(id: string): Promise<QueuedRpc | null>
  /** The device's RPCs in queue order, optionally only some statuses. */
  listByDevice(deviceId: string, options?: { statuses?: RpcStatus[]; limit?: number }): Promise<QueuedRpc[]>
  /** Whether the device has anything to deliver (queued, or sent by a dead session). */
  hasPending(deviceId: string, now: Date): Promise<boolean>
  /**
   * Deletes up to `limit` RPCs that finished (done, faulted, expired, cancelled) before `before`,
   * oldest first, with everything that indexes them (an idempotency key is free again); returns
   * how many. Queued and sent RPCs are never deleted, however old, nor ones whose result is pending.
   */
  pruneFinished(before: Date, limit: number): Promise<number>
  /** Up to `limit` finished RPCs whose result is still pending and that ended before `before`, oldest first. */
  pendingResults(before: Date, limit: number): Promise<QueuedRpc[]>
  /** Clears `resultPending` of these RPCs (their result events were published). */
  resultsPublished(ids: readonly string[]): Promise<void>
}
