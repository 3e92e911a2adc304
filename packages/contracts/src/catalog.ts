import { informV1, cpeRequestV1, sessionClosedV1, informHookV1, CWMP_STREAM } from './v1/cwmp.contracts.js'
import { rpcResultV1, rpcQueuedV1, awaitedResultV1, RPC_STREAM } from './v1/rpc.contracts.js'
import {
  connectionRequestCommandV1,
  connectionRequestResultV1,
  GATEWAY_COMMAND_STREAM,
  GATEWAY_EVENT_STREAM,
} from './v1/gateway.contracts.js'
import { deviceCredentialsV1, deviceRegisteredV1, DEVICE_STREAM } from './v1/device.contracts.js'

/** Every durable event and command of the system. */
export const ALL_EVENTS = [
  informV1,
  cpeRequestV1,
  sessionClosedV1,
  rpcResultV1,
  rpcQueuedV1,
  connectionRequestCommandV1,
  connectionRequestResultV1,
  deviceCredentialsV1,
  deviceRegisteredV1,
] as const

/** Every in-session request/reply. */
export const ALL_REQUESTS = [informHookV1, awaitedResultV1] as const

const STREAM_SETTINGS = [
  { name: CWMP_STREAM, workQueue: false, maxAgeMs: 7 * 24 * 3600_000 },
  { name: RPC_STREAM, workQueue: false, maxAgeMs: 7 * 24 * 3600_000 },
  { name: GATEWAY_COMMAND_STREAM, workQueue: true, maxAgeMs: 24 * 3600_000 },
  { name: GATEWAY_EVENT_STREAM, workQueue: false, maxAgeMs: 7 * 24 * 3600_000 },
  { name: DEVICE_STREAM, workQueue: false, maxAgeMs: 30 * 24 * 3600_000 },
] as const

/**
 * The JetStream streams and the subjects each captures, derived from the events above so that
 * request/reply subjects (hooks) are never captured by a stream. `workQueue` streams delete a
 * message once a consumer acknowledged it (commands); the others keep events for `maxAgeMs`.
 */
export const STREAMS = STREAM_SETTINGS.map((s) => ({
  ...s,
  subjects: ALL_EVENTS.filter((e) => e.stream === s.name).map((e) => e.filter()),
}))
