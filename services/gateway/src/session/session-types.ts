import type { AcsRequest, CwmpNamespace, Envelope, Inform } from '@acs/cwmp'
import type { CwmpBody as QueuedRequest } from '@acs/contracts'
import type { RpcCompletion } from '@acs/store'

/**
 * Phases of a CWMP session as the gateway sees it (§4).
 * - awaiting-inform: no session (or it ended): only an Inform may start one.
 * - opening: an Inform is being authenticated, locked and recorded (never persisted).
 * - cpe-requests: InformResponse sent; the CPE may send its requests, then an empty POST.
 * - acs-requests: a queued RPC was sent; its response or fault is awaited.
 * - draining: no RPC will be sent (14 HEARTBEAT); CPE requests are still answered, the next empty POST ends it.
 * - closed: ended in this step (lock released, state deleted).
 */
export type SessionPhase = 'awaiting-inform' | 'opening' | 'cpe-requests' | 'acs-requests' | 'draining' | 'closed'

/** A W3C span context kept with the session so every request of it joins one trace. */
export interface StoredSpanContext {
  traceId: string
  spanId: string
  traceFlags: number
}

/** What a live session remembers between HTTP requests (persisted in the session KV). */
export interface SessionData {
  sessionId: string
  deviceId: string
  namespace: CwmpNamespace
  cwmpVersion: string
  /** ms since epoch */
  startedAt: number
  remoteAddress: string
  heartbeat: boolean
  rpcsSent: number
  trace?: StoredSpanContext
}

/** The RPC sent to the CPE whose answer is awaited. */
export interface InFlightRpc {
  id: string
  method: string
  service: string
  awaited: boolean
  group?: string
  correlationId?: string
  /** ms since epoch */
  sentAt: number
  /** Reboot, FactoryReset, firmware Download: nothing more is sent in this session (§4 rule 6). */
  stopsSession: boolean
}

/** The state machine's state: a string-union phase with the data each phase needs. */
export type SessionState =
  | { phase: 'awaiting-inform' }
  /** `previous`: the live session a new Inform replaces once authenticated (kept if it is not). */
  | { phase: 'opening'; session: SessionData; previous: LiveSessionState | null }
  | { phase: 'cpe-requests'; session: SessionData }
  | { phase: 'acs-requests'; session: SessionData; inFlight: InFlightRpc }
  | { phase: 'draining'; session: SessionData }
  | { phase: 'closed'; session: SessionData; outcome: SessionOutcome }

/** The phases in which a session outlives the HTTP request and is persisted. */
export type LiveSessionState = Extract<SessionState, { phase: 'cpe-requests' | 'acs-requests' | 'draining' }>

/** How a session ended (the sessionClosedV1 outcomes). */
export type SessionOutcome = 'completed' | 'timed-out' | 'faulted' | 'superseded'

/** A queued RPC just claimed for this session, with its envelope already encoded (or why it cannot be). */
export interface ClaimedRpc {
  id: string
  /** The request as queued (validated by the codec when it is encoded). */
  request: QueuedRequest
  service: string
  awaited: boolean
  group?: string
  correlationId?: string
}

/** How an RPC ended from the gateway's side: the store's completion, with the unknown outcome as a fault. */
export type RpcEnd = RpcCompletion

/** Everything that can happen to a session: a classified HTTP body, or the result of an effect. */
export type SessionInput =
  /** `trace`: the span context of the request, kept as the new session's (so its later requests join its trace). */
  | { type: 'inform'; envelope: Envelope<Inform>; sessionId: string; remoteAddress: string; trace?: StoredSpanContext }
  | { type: 'cpe-request'; envelope: Envelope<AcsRequest> }
  | { type: 'cpe-response'; envelope: Envelope }
  | { type: 'empty' }
  | { type: 'bad-message'; fault: number; message: string; id?: string }
  | { type: 'auth-ok'; envelope: Envelope<Inform> }
  | { type: 'auth-failed'; challenges: string[] }
  | { type: 'device-refused' }
  | { type: 'lock-acquired'; envelope: Envelope<Inform> }
  | { type: 'lock-busy' }
  | { type: 'inform-recorded'; envelope: Envelope<Inform> }
  | { type: 'inform-failed' }
  | { type: 'cpe-request-stored'; envelope: Envelope<AcsRequest> }
  | { type: 'cpe-request-failed'; envelope: Envelope<AcsRequest> }
  | { type: 'claimed'; rpc: ClaimedRpc; xml: string }
  | { type: 'claim-unencodable'; rpc: ClaimedRpc; error: string }
  | { type: 'queue-empty' }
  | { type: 'rpc-completed'; inFlight: InFlightRpc; end: RpcEnd }

/** What the HTTP layer sends back. */
export type Reply =
  | { kind: 'soap'; status: 200 | 500; envelope: Envelope; setCookie?: string }
  | { kind: 'rpc'; xml: string }
  | { kind: 'empty' }
  | { kind: 'unauthorized'; challenges: string[] }

/** Work the I/O adapter performs; those marked "→" feed an input back into the machine. */
export type SessionEffect =
  | { type: 'reply'; reply: Reply }
  /** → auth-ok | auth-failed | device-refused */
  | { type: 'authenticate'; deviceId: string; envelope: Envelope<Inform> }
  /** → lock-acquired | lock-busy. `state`: the session once its Inform is answered, stored with the lock. */
  | { type: 'acquire-lock'; state: LiveSessionState; envelope: Envelope<Inform> }
  /** → inform-recorded | inform-failed */
  | { type: 'record-inform'; session: SessionData; envelope: Envelope<Inform> }
  | { type: 'close-session'; session: SessionData; outcome: SessionOutcome }
  /** → cpe-request-stored | cpe-request-failed */
  | { type: 'store-cpe-request'; session: SessionData; envelope: Envelope<AcsRequest> }
  /** → claimed | claim-unencodable | queue-empty (due RPCs are expired when the queue turns out empty) */
  | { type: 'claim-next'; session: SessionData }
  /** → rpc-completed */
  | { type: 'complete-rpc'; session: SessionData; inFlight: InFlightRpc; end: RpcEnd; failGroup: boolean; notifyOwner: boolean }

/** Per-step settings the machine needs (no clock reads inside it). */
export interface StepContext {
  now: number
}

/** The result of one transition. */
export interface Step {
  state: SessionState
  effects: SessionEffect[]
}
