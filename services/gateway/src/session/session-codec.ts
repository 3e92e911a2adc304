import { Type, type Static } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { CWMP_NAMESPACES } from '@acs/cwmp'
import type { LiveSessionState } from './session-types.js'

const Session = Type.Object({
  sessionId: Type.String({ minLength: 1 }),
  deviceId: Type.String({ minLength: 1 }),
  namespace: Type.Union(CWMP_NAMESPACES.map((n) => Type.Literal(n))),
  cwmpVersion: Type.String(),
  startedAt: Type.Number(),
  remoteAddress: Type.String(),
  heartbeat: Type.Boolean(),
  rpcsSent: Type.Integer({ minimum: 0 }),
  trace: Type.Optional(Type.Object({ traceId: Type.String(), spanId: Type.String(), traceFlags: Type.Integer() })),
})

const InFlight = Type.Object({
  id: Type.String({ minLength: 1 }),
  method: Type.String({ minLength: 1 }),
  service: Type.String({ minLength: 1 }),
  awaited: Type.Boolean(),
  group: Type.Optional(Type.String()),
  correlationId: Type.Optional(Type.String()),
  sentAt: Type.Number(),
  stopsSession: Type.Boolean(),
})

const Persisted = Type.Union([
  Type.Object({ phase: Type.Literal('cpe-requests'), session: Session }),
  Type.Object({ phase: Type.Literal('draining'), session: Session }),
  Type.Object({ phase: Type.Literal('acs-requests'), session: Session, inFlight: InFlight }),
])

/** A device's entry: its session's state and when it was last written. */
const Entry = Type.Object({
  /** ms since epoch of this write: the session is live until ACS_SESSION_TIMEOUT_MS after it. */
  at: Type.Number(),
  state: Persisted,
})
const check = TypeCompiler.Compile(Entry)
const decoder = new TextDecoder()

/** What the session KV holds per device (see SessionRepository). */
export interface DeviceSessionEntry {
  at: number
  state: LiveSessionState
}

// Keeps the schema and the TypeScript type in step: a drift fails to compile here.
const _sameShape: (e: DeviceSessionEntry) => Static<typeof Entry> = (e) => e

/** Serialises a device's entry for the session KV (Buffer.from: pooled, 3x cheaper than TextEncoder for a few hundred bytes). */
export function encodeEntry(entry: DeviceSessionEntry): Uint8Array {
  return Buffer.from(JSON.stringify(entry))
}

/** Reads an entry back from the KV; null for anything that is not a valid entry (another version, garbage). */
export function decodeEntry(bytes: Uint8Array): DeviceSessionEntry | null {
  let value: unknown
  try {
    value = JSON.parse(decoder.decode(bytes))
  } catch {
    return null
  }
  return check.Check(value) ? (value as DeviceSessionEntry) : null
}
