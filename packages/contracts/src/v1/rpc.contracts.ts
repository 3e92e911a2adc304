import { Type, type Static } from '@sinclair/typebox'
import { defineEvent, defineRequest } from '../define.js'
import { CwmpBody, CwmpFault, DeviceId, Timestamp, Uuid } from './common.schema.js'

export const RPC_STREAM = 'RPC_RESULTS'

export const RpcOutcome = Type.Union([
  Type.Literal('done'),
  Type.Literal('faulted'),
  Type.Literal('expired'),
  Type.Literal('cancelled'),
])

export const RpcResultV1 = Type.Object(
  {
    eventId: Uuid,
    rpcId: Type.String({ minLength: 1 }),
    deviceId: DeviceId,
    /** The service that queued the RPC; the result goes to it. */
    service: Type.String({ minLength: 1 }),
    method: Type.String({ minLength: 1 }),
    outcome: RpcOutcome,
    response: Type.Optional(CwmpBody),
    fault: Type.Optional(CwmpFault),
    sessionId: Type.Optional(Type.String()),
    completedAt: Timestamp,
    /** Echoed from the queued RPC, for the owner's bookkeeping (task id, job id...). */
    correlationId: Type.Optional(Type.String()),
  },
  { $id: 'rpc.v1.result' },
)
export type RpcResultV1 = Static<typeof RpcResultV1>

/** The outcome of a queued RPC, for the service that queued it: `rpc.v1.result.<service>.<device>`. */
export const rpcResultV1 = defineEvent({
  name: 'rpc.v1.result',
  stream: RPC_STREAM,
  params: ['service', 'device'] as const,
  schema: RpcResultV1,
  idempotencyKey: (p) => p.eventId,
})

export const AwaitedResultV1 = Type.Intersect([
  RpcResultV1,
  Type.Object({ sessionId: Type.String({ minLength: 1 }) }),
], { $id: 'rpc.v1.awaited' })
export const AwaitedReplyV1 = Type.Object(
  { service: Type.String(), queued: Type.Integer({ minimum: 0 }), error: Type.Optional(Type.String()) },
  { $id: 'rpc.v1.awaited.reply' },
)
export type AwaitedResultV1 = Static<typeof AwaitedResultV1>
export type AwaitedReplyV1 = Static<typeof AwaitedReplyV1>

/**
 * Read-then-write within one session: when an RPC queued with `awaited: true` completes, the
 * gateway asks its owner (`rpc.v1.awaited.<service>.<device>`) before claiming the next RPC, so
 * the owner can queue follow-ups in the same session. The result is also published as usual.
 */
export const awaitedResultV1 = defineRequest({
  name: 'rpc.v1.awaited',
  params: ['service', 'device'] as const,
  schema: AwaitedResultV1,
  reply: AwaitedReplyV1,
})

export const RpcQueuedV1 = Type.Object(
  {
    eventId: Uuid,
    deviceId: DeviceId,
    rpcIds: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 1000 }),
    service: Type.String({ minLength: 1 }),
    occurredAt: Timestamp,
  },
  { $id: 'rpc.v1.queued' },
)
export type RpcQueuedV1 = Static<typeof RpcQueuedV1>
/** Informational: a service queued RPCs for a device (monitoring, dashboards). */
export const rpcQueuedV1 = defineEvent({
  name: 'rpc.v1.queued',
  stream: RPC_STREAM,
  params: ['device'] as const,
  schema: RpcQueuedV1,
  idempotencyKey: (p) => p.eventId,
})
