import { Type, type Static } from '@sinclair/typebox'
import { defineEvent } from '../define.js'
import { DeviceId, Timestamp, Uuid } from './common.schema.js'

/** Commands to the gateway (work queue: one replica handles each). */
export const GATEWAY_COMMAND_STREAM = 'GATEWAY_COMMANDS'
export const GATEWAY_EVENT_STREAM = 'GATEWAY_EVENTS'

export const ConnectionRequestCommandV1 = Type.Object(
  {
    commandId: Uuid,
    deviceId: DeviceId,
    requestedBy: Type.String({ minLength: 1 }),
    requestedAt: Timestamp,
    reason: Type.Optional(Type.String({ maxLength: 256 })),
  },
  { $id: 'gateway.v1.cmd.connection-request' },
)
export type ConnectionRequestCommandV1 = Static<typeof ConnectionRequestCommandV1>

/** Ask the gateway to wake a device (HTTP connection request, or UDP per TR-111). */
export const connectionRequestCommandV1 = defineEvent({
  name: 'gateway.v1.cmd.connection-request',
  stream: GATEWAY_COMMAND_STREAM,
  params: ['device'] as const,
  schema: ConnectionRequestCommandV1,
  idempotencyKey: (p) => p.commandId,
})

export const ConnectionRequestResultV1 = Type.Object(
  {
    eventId: Uuid,
    commandId: Uuid,
    deviceId: DeviceId,
    transport: Type.Union([Type.Literal('http'), Type.Literal('udp'), Type.Literal('none')]),
    outcome: Type.Union([
      Type.Literal('accepted'),
      Type.Literal('auth-failed'),
      Type.Literal('unreachable'),
      Type.Literal('rate-limited'),
      Type.Literal('no-address'),
      Type.Literal('refused'),
      Type.Literal('sent'),
    ]),
    status: Type.Optional(Type.Integer()),
    detail: Type.Optional(Type.String()),
    occurredAt: Timestamp,
  },
  { $id: 'gateway.v1.connection-request.result' },
)
export type ConnectionRequestResultV1 = Static<typeof ConnectionRequestResultV1>

/** What became of a connection request ('sent' = UDP datagrams sent, no answer possible). */
export const connectionRequestResultV1 = defineEvent({
  name: 'gateway.v1.connection-request.result',
  stream: GATEWAY_EVENT_STREAM,
  params: ['device'] as const,
  schema: ConnectionRequestResultV1,
  idempotencyKey: (p) => p.eventId,
})
