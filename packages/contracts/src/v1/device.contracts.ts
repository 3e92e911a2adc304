import { Type, type Static } from '@sinclair/typebox'
import { defineEvent } from '../define.js'
import { DeviceId, Timestamp, Uuid } from './common.schema.js'

export const DEVICE_STREAM = 'DEVICE_EVENTS'

export const Credentials = Type.Object({ username: Type.String({ maxLength: 256 }), password: Type.String({ maxLength: 256 }) })

export const DeviceCredentialsV1 = Type.Object(
  {
    eventId: Uuid,
    deviceId: DeviceId,
    occurredAt: Timestamp,
    /** What the CPE must present to the ACS (ManagementServer.Username/Password). */
    cpe: Type.Optional(Credentials),
    /** What the ACS presents on connection requests (ConnectionRequestUsername/Password). */
    connectionRequest: Type.Optional(Credentials),
  },
  { $id: 'device.v1.credentials' },
)
export type DeviceCredentialsV1 = Static<typeof DeviceCredentialsV1>

/** The owner of device credentials (provisioning) announces them; the gateway keeps its own view. */
export const deviceCredentialsV1 = defineEvent({
  name: 'device.v1.credentials',
  stream: DEVICE_STREAM,
  params: ['device'] as const,
  schema: DeviceCredentialsV1,
  idempotencyKey: (p) => p.eventId,
})

export const DeviceRegisteredV1 = Type.Object(
  {
    eventId: Uuid,
    deviceId: DeviceId,
    occurredAt: Timestamp,
    reason: Type.Union([Type.Literal('first-contact'), Type.Literal('bootstrap')]),
  },
  { $id: 'device.v1.registered' },
)
export type DeviceRegisteredV1 = Static<typeof DeviceRegisteredV1>

/** The gateway saw a device for the first time, or saw it bootstrap (0 BOOTSTRAP). */
export const deviceRegisteredV1 = defineEvent({
  name: 'device.v1.registered',
  stream: DEVICE_STREAM,
  params: ['device'] as const,
  schema: DeviceRegisteredV1,
  idempotencyKey: (p) => p.eventId,
})
