import { Type, type Static } from '@sinclair/typebox'
import { defineEvent, defineRequest } from '../define.js'
import { CwmpBody, DeviceId, DeviceIdStruct, EventStruct, ParameterValue, Timestamp, Uuid } from './common.schema.js'

/** Every event a CPE session produces, durable in this stream. */
export const CWMP_STREAM = 'CWMP_EVENTS'

/** Which data model a device implements, told by the parameter names of its Inform. */
export const DataModelRoot = Type.Union([Type.Literal('Device'), Type.Literal('InternetGatewayDevice'), Type.Literal('unknown')])

export const InformV1 = Type.Object(
  {
    eventId: Uuid,
    deviceId: DeviceId,
    sessionId: Type.String({ minLength: 1 }),
    occurredAt: Timestamp,
    deviceIdStruct: DeviceIdStruct,
    events: Type.Array(EventStruct, { maxItems: 64 }),
    parameters: Type.Array(ParameterValue, { maxItems: 10_000 }),
    retryCount: Type.Integer({ minimum: 0 }),
    /** The CPE's clock as sent (may be Unknown Time or malformed). */
    currentTime: Type.String(),
    cwmpVersion: Type.String(),
    namespace: Type.String(),
    remoteAddress: Type.String(),
    dataModelRoot: DataModelRoot,
  },
  { $id: 'cwmp.v1.inform' },
)
export type InformV1 = Static<typeof InformV1>

/** A device informed (after the gateway accepted it and answered InformResponse). */
export const informV1 = defineEvent({
  name: 'cwmp.v1.inform',
  stream: CWMP_STREAM,
  params: ['device'] as const,
  schema: InformV1,
  idempotencyKey: (p) => p.eventId,
})

export const CpeRequestV1 = Type.Object(
  {
    eventId: Uuid,
    deviceId: DeviceId,
    sessionId: Type.String({ minLength: 1 }),
    occurredAt: Timestamp,
    /** TransferComplete, AutonomousTransferComplete, DUStateChangeComplete, ... */
    method: Type.String({ minLength: 1 }),
    /** The request body as the codec decoded it. */
    request: CwmpBody,
  },
  { $id: 'cwmp.v1.cpe-request' },
)
export type CpeRequestV1 = Static<typeof CpeRequestV1>

/**
 * A request the CPE sent in its session (TransferComplete, DUStateChangeComplete, RequestDownload,
 * Kicked, autonomous completions, GetRPCMethods), published after the gateway stored and answered it.
 * Subject `cwmp.v1.cpe-request.<method>.<device>`.
 */
export const cpeRequestV1 = defineEvent({
  name: 'cwmp.v1.cpe-request',
  stream: CWMP_STREAM,
  params: ['method', 'device'] as const,
  schema: CpeRequestV1,
  idempotencyKey: (p) => p.eventId,
})

export const InformHookV1 = Type.Object(
  {
    deviceId: DeviceId,
    sessionId: Type.String({ minLength: 1 }),
    informEventId: Uuid,
    deviceIdStruct: DeviceIdStruct,
    events: Type.Array(EventStruct, { maxItems: 64 }),
    parameters: Type.Array(ParameterValue, { maxItems: 10_000 }),
    cwmpVersion: Type.String(),
    dataModelRoot: DataModelRoot,
  },
  { $id: 'cwmp.v1.hook.inform' },
)
export const InformHookReplyV1 = Type.Object(
  {
    service: Type.String({ minLength: 1 }),
    /** How many RPCs the service queued for this session. */
    queued: Type.Integer({ minimum: 0 }),
    error: Type.Optional(Type.String()),
  },
  { $id: 'cwmp.v1.hook.inform.reply' },
)
export type InformHookV1 = Static<typeof InformHookV1>
export type InformHookReplyV1 = Static<typeof InformHookReplyV1>

/**
 * In-session hook: the gateway asks every in-session service (provisioning, firmware,
 * diagnostics; one replica each, by queue group) to queue what it wants, and gathers the replies
 * until each known service answered or the deadline passed.
 */
export const informHookV1 = defineRequest({
  name: 'cwmp.v1.hook.inform',
  params: ['device'] as const,
  schema: InformHookV1,
  reply: InformHookReplyV1,
})

export const SessionClosedV1 = Type.Object(
  {
    eventId: Uuid,
    deviceId: DeviceId,
    sessionId: Type.String({ minLength: 1 }),
    startedAt: Timestamp,
    endedAt: Timestamp,
    outcome: Type.Union([Type.Literal('completed'), Type.Literal('timed-out'), Type.Literal('faulted'), Type.Literal('superseded')]),
    rpcsSent: Type.Integer({ minimum: 0 }),
  },
  { $id: 'cwmp.v1.session-closed' },
)
export type SessionClosedV1 = Static<typeof SessionClosedV1>

/** A CPE session ended (204 sent, timed out, or replaced by a new Inform). */
export const sessionClosedV1 = defineEvent({
  name: 'cwmp.v1.session-closed',
  stream: CWMP_STREAM,
  params: ['device'] as const,
  schema: SessionClosedV1,
  // A session ends once: if its closing KV delete failed after it was announced, the entry left
  // behind is announced again as timed-out when the device next takes it over (within the entry's
  // TTL, inside the duplicate window at the default session timeout); the stream drops that one.
  idempotencyKey: (p) => `session-closed.${p.sessionId}`,
})
