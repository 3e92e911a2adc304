/** Response schemas and the mappers from stored records to what the API shows. */
import { Type, type Static } from '@sinclair/typebox'
import type { ProvisioningDevice } from '../devices/provisioning-device.js'
import type { Task, TaskStatus } from '../tasks/task.js'

const Loose = Type.Object({}, { additionalProperties: true })
const Time = Type.String({ description: 'ISO 8601' })

/** A device as the API shows it: no secret values, no passwords. */
export const DeviceView = Type.Object({
  deviceId: Type.String(),
  oui: Type.String(),
  productClass: Type.String(),
  manufacturer: Type.String(),
  serialNumber: Type.String(),
  modelName: Type.Optional(Type.String()),
  softwareVersion: Type.Optional(Type.String()),
  hardwareVersion: Type.Optional(Type.String()),
  dataModelRoot: Type.String(),
  tags: Type.Array(Type.String()),
  variables: Type.Record(Type.String(), Type.String()),
  secretNames: Type.Array(Type.String(), { description: 'names of the generated per-device secrets (values are never shown)' }),
  connectionRequestUsername: Type.Optional(Type.String()),
  matchedProfiles: Type.Array(Type.String()),
  appliedParameterKey: Type.Optional(Type.String({ description: 'digest of the configuration last known to be on the device' })),
  reportedParameterKey: Type.Optional(Type.String()),
  appliedAt: Type.Optional(Time),
  converging: Type.Optional(Loose),
  lastFailure: Type.Optional(Loose),
  lastDecision: Type.Optional(Loose),
  drift: Type.Array(Loose),
  problems: Type.Array(Loose),
  firstSeenAt: Time,
  lastInformAt: Time,
  lastBootstrapAt: Type.Optional(Time),
})
/** A device as the API shows it. */
export type DeviceView = Static<typeof DeviceView>

/** Maps a stored device to its view. */
export function deviceView(d: ProvisioningDevice): DeviceView {
  return {
    deviceId: d.deviceId,
    oui: d.oui,
    productClass: d.productClass,
    manufacturer: d.manufacturer,
    serialNumber: d.serialNumber,
    ...(d.modelName !== undefined ? { modelName: d.modelName } : {}),
    ...(d.softwareVersion !== undefined ? { softwareVersion: d.softwareVersion } : {}),
    ...(d.hardwareVersion !== undefined ? { hardwareVersion: d.hardwareVersion } : {}),
    dataModelRoot: d.dataModelRoot,
    tags: d.tags,
    variables: Object.fromEntries(d.variables.map((v) => [v.name, v.value])),
    secretNames: d.secrets.map((s) => s.name),
    ...(d.credentials.connectionRequest ? { connectionRequestUsername: d.credentials.connectionRequest.username } : {}),
    matchedProfiles: d.matchedProfiles,
    ...(d.applied.digest ? { appliedParameterKey: d.applied.digest } : {}),
    ...(d.reportedParameterKey !== undefined ? { reportedParameterKey: d.reportedParameterKey } : {}),
    ...(d.applied.at ? { appliedAt: d.applied.at.toISOString() } : {}),
    ...(d.converging ? { converging: { sessionId: d.converging.sessionId, stage: d.converging.stage, reason: d.converging.reason, startedAt: d.converging.startedAt.toISOString() } } : {}),
    ...(d.failure ? { lastFailure: { ...d.failure, retryAfter: d.failure.retryAfter.toISOString(), at: d.failure.at.toISOString() } } : {}),
    ...(d.lastDecision ? { lastDecision: { ...d.lastDecision, at: d.lastDecision.at.toISOString() } } : {}),
    drift: d.drift,
    problems: d.problems,
    firstSeenAt: d.firstSeenAt.toISOString(),
    lastInformAt: d.lastInformAt.toISOString(),
    ...(d.lastBootstrapAt ? { lastBootstrapAt: d.lastBootstrapAt.toISOString() } : {}),
  }
}

/** A task as the API shows it. */
export const TaskView = Type.Object({
  id: Type.String(),
  deviceId: Type.String(),
  bulkId: Type.Optional(Type.String()),
  request: Loose,
  status: Type.Union(['queued', 'sent', 'done', 'faulted', 'expired', 'cancelled'].map((s) => Type.Literal(s))),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  backoffSeconds: Type.Integer(),
  nextAttemptAt: Type.Optional(Time),
  expiresAt: Type.Optional(Time),
  connectionRequest: Type.Boolean(),
  response: Type.Optional(Loose),
  fault: Type.Optional(Loose),
  history: Type.Array(Loose),
  createdBy: Type.String(),
  createdAt: Time,
  updatedAt: Time,
  finishedAt: Type.Optional(Time),
})
/** A task as the API shows it. */
export type TaskView = Static<typeof TaskView>

/** Maps a stored task to its view; `liveStatus` is 'sent' while its RPC is on the wire. */
export function taskView(t: Task, liveStatus?: TaskStatus): TaskView {
  return {
    id: t.id,
    deviceId: t.deviceId,
    ...(t.bulkId ? { bulkId: t.bulkId } : {}),
    request: t.request as unknown as Record<string, unknown>,
    status: liveStatus ?? t.status,
    attempts: t.attempts,
    maxAttempts: t.maxAttempts,
    backoffSeconds: t.backoffSeconds,
    ...(t.nextAttemptAt ? { nextAttemptAt: t.nextAttemptAt.toISOString() } : {}),
    ...(t.expiresAt ? { expiresAt: t.expiresAt.toISOString() } : {}),
    connectionRequest: t.connectionRequest,
    ...(t.response ? { response: t.response } : {}),
    ...(t.fault ? { fault: t.fault } : {}),
    history: t.history.map((h) => ({ ...h, at: h.at.toISOString() })),
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    ...(t.finishedAt ? { finishedAt: t.finishedAt.toISOString() } : {}),
  }
}
