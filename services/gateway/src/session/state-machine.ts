import { AcsFault, FAULT_STRINGS, faultEnvelope, negotiateVersion, type CwmpNamespace, type Envelope, type Inform } from '@acs/cwmp'
import { faultData, GatewayFault, responseFor, stopsSession } from './acs-methods.js'
import { deviceIdOf, isHeartbeat } from './inform-facts.js'
import { sessionToken } from './session-token.js'
import type {
  ClaimedRpc,
  InFlightRpc,
  LiveSessionState,
  Reply,
  SessionData,
  SessionEffect,
  SessionInput,
  SessionState,
  Step,
  StepContext,
} from './session-types.js'

const DEFAULT_NAMESPACE: CwmpNamespace = 'urn:dslforum-org:cwmp-1-0'
const NO_SESSION: SessionState = { phase: 'awaiting-inform' }


const reply = (r: Reply): SessionEffect => ({ type: 'reply', reply: r })

function fault(namespace: CwmpNamespace, id: string | undefined, code: number, message?: string): SessionEffect {
  return reply({ kind: 'soap', status: 500, envelope: faultEnvelope(namespace, id, code, message ?? FAULT_STRINGS[code]) })
}

function namespaceOf(state: SessionState): CwmpNamespace {
  return 'session' in state ? state.session.namespace : DEFAULT_NAMESPACE
}

function unexpected(state: SessionState, input: SessionInput): never {
  throw new Error(`session state machine: input '${input.type}' cannot happen in phase '${state.phase}'`)
}

/**
 * The CWMP session as a pure function: (state, input) -> (state, effects). No I/O, no clock, no
 * randomness: the adapter performs the effects and feeds their results back as inputs.
 */
export function step(state: SessionState, input: SessionInput, ctx: StepContext): Step {
  if (input.type === 'bad-message') {
    // §8.3 / this project: a body that does not parse gets a SOAP fault (HTTP 500); nothing changes.
    return { state, effects: [fault(namespaceOf(state), input.id, input.fault, input.message)] }
  }
  switch (state.phase) {
    case 'awaiting-inform':
      return awaitingInform(input, ctx)
    case 'opening':
      return opening(state, input)
    case 'cpe-requests':
    case 'draining':
      return inSession(state, input, ctx)
    case 'acs-requests':
      return awaitingResponse(state, input, ctx)
    case 'closed':
      return unexpected(state, input)
  }
}

function awaitingInform(input: SessionInput, ctx: StepContext, previous: LiveSessionState | null = null): Step {
  switch (input.type) {
    case 'inform':
      return beginInform(input, ctx, previous)
    case 'cpe-request':
      // §2.8: the Inform is the only legal first request.
      return { state: NO_SESSION, effects: [fault(input.envelope.namespace, input.envelope.header.id, AcsFault.InvalidArguments, 'A session must start with an Inform')] }
    case 'cpe-response':
    case 'empty':
      // No live session (it ended or timed out): end whatever the CPE believes is running.
      return { state: NO_SESSION, effects: [reply({ kind: 'empty' })] }
    default:
      return unexpected(NO_SESSION, input)
  }
}

function beginInform(input: Extract<SessionInput, { type: 'inform' }>, ctx: StepContext, previous: LiveSessionState | null): Step {
  const { envelope } = input
  const inform = envelope.body
  const deviceId = deviceIdOf(inform.deviceId)
  const keep: SessionState = previous ?? NO_SESSION
  if (deviceId === null) {
    return { state: keep, effects: [fault(envelope.namespace, envelope.header.id, AcsFault.InvalidArguments, 'DeviceId needs OUI and SerialNumber')] }
  }
  if (inform.events.length > 64 || inform.parameterList.length > 10_000) {
    return { state: keep, effects: [fault(envelope.namespace, envelope.header.id, AcsFault.ResourcesExceeded)] }
  }
  const negotiated = negotiateVersion(envelope.namespace, envelope.header.supportedCwmpVersions)
  if (negotiated === null) {
    return { state: keep, effects: [fault(envelope.namespace, envelope.header.id, AcsFault.VersionIncompatible)] }
  }
  const session: SessionData = {
    sessionId: input.sessionId,
    deviceId,
    namespace: envelope.namespace,
    cwmpVersion: negotiated.version,
    startedAt: ctx.now,
    remoteAddress: input.remoteAddress,
    heartbeat: isHeartbeat(inform.events),
    rpcsSent: 0,
  }
  if (input.trace) session.trace = input.trace
  const opening: SessionState = { phase: 'opening', session, previous }
  return { state: opening, effects: [{ type: 'authenticate', deviceId, envelope }] }
}

function informResponse(envelope: Envelope<Inform>, session: SessionData): Reply {
  const negotiated = negotiateVersion(envelope.namespace, envelope.header.supportedCwmpVersions)
  const header: Envelope['header'] = {}
  if (envelope.header.id !== undefined) header.id = envelope.header.id
  if (negotiated?.useCwmpVersionHeader) header.useCwmpVersion = negotiated.version
  return {
    kind: 'soap',
    status: 200,
    envelope: { namespace: envelope.namespace, header, body: { method: 'InformResponse', maxEnvelopes: 1 } },
    setCookie: sessionToken(session),
  }
}

/** A session once its InformResponse is decided: a heartbeat session only drains (sends no RPC). */
function answered(session: SessionData): LiveSessionState {
  return session.heartbeat ? { phase: 'draining', session } : { phase: 'cpe-requests', session }
}

function opening(state: Extract<SessionState, { phase: 'opening' }>, input: SessionInput): Step {
  const { session } = state
  const previous: SessionState = state.previous ?? NO_SESSION
  switch (input.type) {
    case 'auth-ok': {
      const effects: SessionEffect[] = []
      // Only an authenticated Inform may end the session it replaces (§15: a second Inform = a new session).
      if (state.previous) effects.push({ type: 'close-session', session: state.previous.session, outcome: 'superseded' })
      effects.push({ type: 'acquire-lock', state: answered(session), envelope: input.envelope })
      return { state: { phase: 'opening', session, previous: null }, effects }
    }
    case 'auth-failed':
      return { state: previous, effects: [reply({ kind: 'unauthorized', challenges: input.challenges })] }
    case 'device-refused':
      return { state: previous, effects: [fault(session.namespace, undefined, AcsFault.RequestDenied, 'Unknown device')] }
    case 'lock-acquired':
      return { state, effects: [{ type: 'record-inform', session, envelope: input.envelope }] }
    case 'lock-busy':
      // §2.7: another live session holds the device; the CPE retries with back-off.
      return { state: NO_SESSION, effects: [fault(session.namespace, undefined, AcsFault.RetryRequest, 'Another session of this device is in progress')] }
    case 'inform-recorded':
      return { state: answered(session), effects: [reply(informResponse(input.envelope, session))] }
    case 'inform-failed':
      return {
        state: { phase: 'closed', session, outcome: 'faulted' },
        effects: [{ type: 'close-session', session, outcome: 'faulted' }, fault(session.namespace, undefined, AcsFault.InternalError)],
      }
    default:
      return unexpected(state, input)
  }
}

function closeCompleted(session: SessionData): Step {
  return {
    state: { phase: 'closed', session, outcome: 'completed' },
    effects: [{ type: 'close-session', session, outcome: 'completed' }, reply({ kind: 'empty' })],
  }
}

function claim(session: SessionData): Step {
  return { state: { phase: 'cpe-requests', session }, effects: [{ type: 'claim-next', session }] }
}

function inFlightOf(rpc: ClaimedRpc, now: number): InFlightRpc {
  const f: InFlightRpc = {
    id: rpc.id,
    method: rpc.request.method,
    service: rpc.service,
    awaited: rpc.awaited,
    sentAt: now,
    stopsSession: stopsSession(rpc.request),
  }
  if (rpc.group !== undefined) f.group = rpc.group
  if (rpc.correlationId !== undefined) f.correlationId = rpc.correlationId
  return f
}

/** Inputs shared by every phase of a live session. */
function common(state: LiveSessionState, input: SessionInput, ctx: StepContext): Step | null {
  const { session } = state
  switch (input.type) {
    case 'inform':
      return awaitingInform(input, ctx, state)
    case 'cpe-request':
      return { state, effects: [{ type: 'store-cpe-request', session, envelope: input.envelope }] }
    case 'cpe-request-stored': {
      const { envelope } = input
      if (envelope.body.method === 'Inform') return unexpected(state, input)
      const header: Envelope['header'] = envelope.header.id !== undefined ? { id: envelope.header.id } : {}
      const body = responseFor(envelope.body)
      return { state, effects: [reply({ kind: 'soap', status: 200, envelope: { namespace: session.namespace, header, body } })] }
    }
    case 'cpe-request-failed':
      // §7: a fault makes the CPE keep the request and retry it in a later session.
      return { state, effects: [fault(session.namespace, input.envelope.header.id, AcsFault.InternalError)] }
    default:
      return null
  }
}

function inSession(state: Extract<SessionState, { phase: 'cpe-requests' | 'draining' }>, input: SessionInput, ctx: StepContext): Step {
  const shared = common(state, input, ctx)
  if (shared) return shared
  const { session } = state
  switch (input.type) {
    case 'cpe-response':
    case 'empty':
      // A response with nothing in flight is stray: treat it like an empty POST.
      return state.phase === 'draining' ? closeCompleted(session) : claim(session)
    case 'claimed': {
      const next: SessionData = { ...session, rpcsSent: session.rpcsSent + 1 }
      return { state: { phase: 'acs-requests', session: next, inFlight: inFlightOf(input.rpc, ctx.now) }, effects: [reply({ kind: 'rpc', xml: input.xml })] }
    }
    case 'claim-unencodable': {
      const inFlight = inFlightOf(input.rpc, ctx.now)
      const end = { status: 'faulted', fault: { faultCode: GatewayFault.Unencodable, faultString: `not sent: ${input.error}` } } as const
      return { state, effects: [{ type: 'complete-rpc', session, inFlight, end, failGroup: inFlight.group !== undefined, notifyOwner: inFlight.awaited }] }
    }
    case 'queue-empty':
      return closeCompleted(session)
    case 'rpc-completed':
      return claim(session)
    default:
      return unexpected(state, input)
  }
}

function awaitingResponse(state: Extract<SessionState, { phase: 'acs-requests' }>, input: SessionInput, ctx: StepContext): Step {
  const shared = common(state, input, ctx)
  if (shared) return shared
  const { session, inFlight } = state
  const complete = (end: SessionEffect & { type: 'complete-rpc' }): Step => ({ state, effects: [end] })
  switch (input.type) {
    case 'cpe-response': {
      const { body, header } = input.envelope
      if (body.method === 'Fault') {
        // Faults carry no method name: accept one with our ID or, from CPEs that echo no ID, none.
        if (header.id === undefined || header.id === '' || header.id === inFlight.id) {
          const end = { status: 'faulted', fault: faultData(body) } as const
          return complete({ type: 'complete-rpc', session, inFlight, end, failGroup: inFlight.group !== undefined, notifyOwner: inFlight.awaited })
        }
      } else if (body.method === `${inFlight.method}Response`) {
        // §4 rule 4: the method matches, so it answers our request even if the CPE mangled the ID.
        const end = { status: 'done', response: body } as const
        return complete({ type: 'complete-rpc', session, inFlight, end, failGroup: false, notifyOwner: inFlight.awaited })
      }
      return complete(unknownOutcome(session, inFlight, `CPE answered ${body.method} (ID ${header.id ?? 'none'})`))
    }
    case 'empty':
      return complete(unknownOutcome(session, inFlight, 'CPE sent an empty POST instead of the response'))
    case 'rpc-completed':
      if (input.inFlight.stopsSession && input.end.status === 'done') return closeCompleted(session)
      return claim(session)
    default:
      return unexpected(state, input)
  }
}

function unknownOutcome(session: SessionData, inFlight: InFlightRpc, why: string): SessionEffect & { type: 'complete-rpc' } {
  const end = { status: 'faulted', fault: { faultCode: GatewayFault.OutcomeUnknown, faultString: `outcome unknown: ${why}` } } as const
  return { type: 'complete-rpc', session, inFlight, end, failGroup: inFlight.group !== undefined, notifyOwner: inFlight.awaited }
}
