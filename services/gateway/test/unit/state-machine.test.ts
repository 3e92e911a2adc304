import { describe, expect, it } from 'vitest'
import type { Envelope, Fault } from '@acs/cwmp'
import { step } from '../../src/session/state-machine.js'
import { sessionToken } from '../../src/session/session-token.js'
import type { SessionEffect, SessionState, Step } from '../../src/session/session-types.js'
import { aClaimedRpc, aCpeRequest, anInFlight, anInform, aSession } from './builders.js'

const ctx = { now: 5_000 }
const none: SessionState = { phase: 'awaiting-inform' }

function only<T extends SessionEffect['type']>(s: Step, type: T): Extract<SessionEffect, { type: T }> {
  const found = s.effects.filter((e) => e.type === type)
  expect(found).toHaveLength(1)
  return found[0] as Extract<SessionEffect, { type: T }>
}

function replyOf(s: Step) {
  return only(s, 'reply').reply
}

function faultCode(s: Step): number {
  const r = replyOf(s)
  if (r.kind !== 'soap' || r.envelope.body.method !== 'Fault') throw new Error(`expected a fault reply, got ${r.kind}`)
  return r.envelope.body.detail.faultCode
}

/** Drives an Inform through authentication, lock and recording to a live session. */
function open(inform = anInform()): Step {
  let s = step(none, { type: 'inform', envelope: inform, sessionId: 's-1', remoteAddress: '192.0.2.10' }, ctx)
  s = step(s.state, { type: 'auth-ok', envelope: inform }, ctx)
  s = step(s.state, { type: 'lock-acquired', envelope: inform }, ctx)
  return step(s.state, { type: 'inform-recorded', envelope: inform }, ctx)
}

const fault = (code: number, id?: string): Envelope<Fault> => ({
  namespace: 'urn:dslforum-org:cwmp-1-2',
  header: id === undefined ? {} : { id },
  body: { method: 'Fault', faultCode: 'Client', faultString: 'CWMP fault', detail: { faultCode: code, faultString: 'bad' } },
})

describe('session state machine: opening a session', () => {
  it('asks to authenticate an Inform before anything else', () => {
    const s = step(none, { type: 'inform', envelope: anInform(), sessionId: 's-1', remoteAddress: '192.0.2.10' }, ctx)
    expect(s.state.phase).toBe('opening')
    expect(only(s, 'authenticate').deviceId).toBe('00AABB-HGW-9-SN0001')
  })

  it('answers 401 with the challenges and keeps no session when authentication fails', () => {
    const first = step(none, { type: 'inform', envelope: anInform(), sessionId: 's-1', remoteAddress: '' }, ctx)
    const s = step(first.state, { type: 'auth-failed', challenges: ['Digest x'] }, ctx)
    expect(s.state).toEqual(none)
    expect(s.effects).toEqual([{ type: 'reply', reply: { kind: 'unauthorized', challenges: ['Digest x'] } }])
  })

  it('takes the device lock after authentication and records the Inform once locked', () => {
    const inform = anInform()
    const a = step(none, { type: 'inform', envelope: inform, sessionId: 's-1', remoteAddress: '' }, ctx)
    const b = step(a.state, { type: 'auth-ok', envelope: inform }, ctx)
    expect(only(b, 'acquire-lock').state.session.sessionId).toBe('s-1')
    expect(b.effects.map((e) => e.type)).toEqual(['acquire-lock'])
    const c = step(b.state, { type: 'lock-acquired', envelope: inform }, ctx)
    expect(only(c, 'record-inform').session.sessionId).toBe('s-1')
    expect(c.effects.map((e) => e.type)).toEqual(['record-inform'])
  })

  it('takes the device with the state the session has once answered, and ends the Inform in exactly that state', () => {
    for (const [events, phase] of [[['2 PERIODIC'], 'cpe-requests'], [['14 HEARTBEAT'], 'draining']] as const) {
      const inform = anInform({ events: [...events] })
      const trace = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 }
      let s = step(none, { type: 'inform', envelope: inform, sessionId: 's-1', remoteAddress: '192.0.2.10', trace }, ctx)
      s = step(s.state, { type: 'auth-ok', envelope: inform }, ctx)
      const stored = only(s, 'acquire-lock').state
      expect(stored).toMatchObject({ phase, session: { sessionId: 's-1', trace, rpcsSent: 0 } })
      s = step(s.state, { type: 'lock-acquired', envelope: inform }, ctx)
      s = step(s.state, { type: 'inform-recorded', envelope: inform }, ctx)
      expect(s.state).toEqual(stored)
    }
  })

  it('answers InformResponse with MaxEnvelopes 1, the Inform ID, its namespace and the session cookie', () => {
    const r = replyOf(open(anInform({ id: 'abc', namespace: 'urn:dslforum-org:cwmp-1-0' })))
    expect(r).toEqual({
      kind: 'soap',
      status: 200,
      envelope: { namespace: 'urn:dslforum-org:cwmp-1-0', header: { id: 'abc' }, body: { method: 'InformResponse', maxEnvelopes: 1 } },
      setCookie: sessionToken({ sessionId: 's-1', deviceId: '00AABB-HGW-9-SN0001' }),
    })
  })

  it('sends UseCWMPVersion when the CPE listed SupportedCWMPVersions', () => {
    const r = replyOf(open(anInform({ supported: ['1.0', '1.4'] })))
    expect(r.kind === 'soap' && r.envelope.header.useCwmpVersion).toBe('1.4')
  })

  it('enters cpe-requests after an ordinary Inform', () => {
    expect(open().state.phase).toBe('cpe-requests')
  })

  it('drains a heartbeat session so that it sends no RPC', () => {
    expect(open(anInform({ events: ['14 HEARTBEAT'] })).state.phase).toBe('draining')
  })

  it('refuses a second session of a locked device with fault 8005', () => {
    const inform = anInform()
    const a = step(none, { type: 'inform', envelope: inform, sessionId: 's-1', remoteAddress: '' }, ctx)
    const b = step(a.state, { type: 'auth-ok', envelope: inform }, ctx)
    const s = step(b.state, { type: 'lock-busy' }, ctx)
    expect(faultCode(s)).toBe(8005)
    expect(s.state).toEqual(none)
  })

  it('rejects an Inform without serial number with fault 8003 and touches nothing', () => {
    const inform = anInform({ serial: '  ' })
    const s = step(none, { type: 'inform', envelope: inform, sessionId: 's-1', remoteAddress: '' }, ctx)
    expect(faultCode(s)).toBe(8003)
    expect(s.effects).toHaveLength(1)
  })

  it('answers 8006 when no version is shared', () => {
    const s = step(none, { type: 'inform', envelope: anInform({ supported: ['2.0'] }), sessionId: 's-1', remoteAddress: '' }, ctx)
    expect(faultCode(s)).toBe(8006)
  })

  it('closes the session as faulted and answers 8002 when the Inform cannot be recorded', () => {
    const inform = anInform()
    let s = step(none, { type: 'inform', envelope: inform, sessionId: 's-1', remoteAddress: '' }, ctx)
    s = step(s.state, { type: 'auth-ok', envelope: inform }, ctx)
    s = step(s.state, { type: 'lock-acquired', envelope: inform }, ctx)
    s = step(s.state, { type: 'inform-failed' }, ctx)
    expect(only(s, 'close-session').outcome).toBe('faulted')
    expect(faultCode(s)).toBe(8002)
  })

  it('refuses an unknown device with 8001', () => {
    const inform = anInform()
    const a = step(none, { type: 'inform', envelope: inform, sessionId: 's-1', remoteAddress: '' }, ctx)
    expect(faultCode(step(a.state, { type: 'device-refused' }, ctx))).toBe(8001)
  })
})

describe('session state machine: without a session', () => {
  it('faults a CPE request that does not follow an Inform with 8003', () => {
    expect(faultCode(step(none, { type: 'cpe-request', envelope: aCpeRequest() }, ctx))).toBe(8003)
  })

  it('ends an empty POST of an unknown session with 204', () => {
    expect(replyOf(step(none, { type: 'empty' }, ctx))).toEqual({ kind: 'empty' })
  })

  it('answers an unparseable body with its fault and changes nothing', () => {
    const live: SessionState = { phase: 'cpe-requests', session: aSession() }
    const s = step(live, { type: 'bad-message', fault: 8003, message: 'not XML' }, ctx)
    expect(s.state).toBe(live)
    expect(faultCode(s)).toBe(8003)
  })
})

describe('session state machine: CPE requests', () => {
  const live: SessionState = { phase: 'cpe-requests', session: aSession() }

  it('stores a CPE request before answering it', () => {
    const s = step(live, { type: 'cpe-request', envelope: aCpeRequest() }, ctx)
    expect(s.effects.map((e) => e.type)).toEqual(['store-cpe-request'])
  })

  it('answers a stored TransferComplete with TransferCompleteResponse and the same ID', () => {
    const s = step(live, { type: 'cpe-request-stored', envelope: aCpeRequest(undefined, 't1') }, ctx)
    expect(replyOf(s)).toMatchObject({ kind: 'soap', status: 200, envelope: { header: { id: 't1' }, body: { method: 'TransferCompleteResponse' } } })
  })

  it('answers Kicked with the NextURL the CPE asked for', () => {
    const kicked = aCpeRequest({ method: 'Kicked', command: 'c', referer: 'r', arg: 'a', next: 'http://x/next' })
    const r = replyOf(step(live, { type: 'cpe-request-stored', envelope: kicked }, ctx))
    expect(r.kind === 'soap' && r.envelope.body).toEqual({ method: 'KickedResponse', nextUrl: 'http://x/next' })
  })

  it('lists the ACS methods in answer to GetRPCMethods', () => {
    const r = replyOf(step(live, { type: 'cpe-request-stored', envelope: aCpeRequest({ method: 'GetRPCMethods' }) }, ctx))
    expect(r.kind === 'soap' && r.envelope.body.method === 'GetRPCMethodsResponse' && r.envelope.body.methodList).toContain('TransferComplete')
  })

  it('answers 8002 when the CPE request could not be stored, so the CPE retries it later', () => {
    expect(faultCode(step(live, { type: 'cpe-request-failed', envelope: aCpeRequest() }, ctx))).toBe(8002)
  })
})

describe('session state machine: delivering queued RPCs', () => {
  const live: SessionState = { phase: 'cpe-requests', session: aSession() }

  it('claims the next RPC on the empty POST', () => {
    const s = step(live, { type: 'empty' }, ctx)
    expect(only(s, 'claim-next').session.sessionId).toBe('s-1')
    expect(s.state.phase).toBe('cpe-requests')
  })

  it('sends a claimed RPC and waits for its answer', () => {
    const s = step(live, { type: 'claimed', rpc: aClaimedRpc(), xml: '<x/>' }, ctx)
    expect(replyOf(s)).toEqual({ kind: 'rpc', xml: '<x/>' })
    expect(s.state.phase).toBe('acs-requests')
    expect(s.state.phase === 'acs-requests' && s.state.session.rpcsSent).toBe(1)
  })

  it('ends the session with 204 and closes it as completed when the queue is empty', () => {
    const s = step(live, { type: 'queue-empty' }, ctx)
    expect(only(s, 'close-session').outcome).toBe('completed')
    expect(replyOf(s)).toEqual({ kind: 'empty' })
    expect(s.state.phase).toBe('closed')
  })

  it('fails an RPC that cannot be encoded instead of sending it', () => {
    const s = step(live, { type: 'claim-unencodable', rpc: aClaimedRpc(), error: 'CommandKey too long' }, ctx)
    const c = only(s, 'complete-rpc')
    expect(c.end).toMatchObject({ status: 'faulted', fault: { faultCode: 8801 } })
  })

  it('ends a draining session on the empty POST without claiming', () => {
    const s = step({ phase: 'draining', session: aSession({ heartbeat: true }) }, { type: 'empty' }, ctx)
    expect(s.effects.map((e) => e.type)).toEqual(['close-session', 'reply'])
  })
})

describe('session state machine: answers to RPCs', () => {
  const waiting: SessionState = { phase: 'acs-requests', session: aSession({ rpcsSent: 1 }), inFlight: anInFlight({ group: 'g1' }) }
  const response = (method: string, id?: string): Envelope => ({
    namespace: 'urn:dslforum-org:cwmp-1-2',
    header: id === undefined ? {} : { id },
    body: { method, parameterList: [] } as unknown as Envelope['body'],
  })

  it('completes the RPC with the response whose ID matches', () => {
    const c = only(step(waiting, { type: 'cpe-response', envelope: response('GetParameterValuesResponse', 'rpc-1') }, ctx), 'complete-rpc')
    expect(c.end.status).toBe('done')
    expect(c.failGroup).toBe(false)
  })

  it('accepts a response with a mismatched ID when the method matches', () => {
    const c = only(step(waiting, { type: 'cpe-response', envelope: response('GetParameterValuesResponse', 'other') }, ctx), 'complete-rpc')
    expect(c.end.status).toBe('done')
  })

  it('records an unknown outcome when the method does not match', () => {
    const c = only(step(waiting, { type: 'cpe-response', envelope: response('SetParameterValuesResponse', 'rpc-1') }, ctx), 'complete-rpc')
    expect(c.end).toMatchObject({ status: 'faulted', fault: { faultCode: 8800 } })
  })

  it('fails the RPC and its group on a CPE fault', () => {
    const c = only(step(waiting, { type: 'cpe-response', envelope: fault(9005, 'rpc-1') }, ctx), 'complete-rpc')
    expect(c.end).toEqual({ status: 'faulted', fault: { faultCode: 9005, faultString: 'bad' } })
    expect(c.failGroup).toBe(true)
  })

  it('accepts a fault without ID as the answer to the RPC in flight', () => {
    const c = only(step(waiting, { type: 'cpe-response', envelope: fault(9002) }, ctx), 'complete-rpc')
    expect(c.end.status === 'faulted' && c.end.fault.faultCode).toBe(9002)
  })

  it('records an unknown outcome for a fault carrying another ID', () => {
    const c = only(step(waiting, { type: 'cpe-response', envelope: fault(9002, 'zzz') }, ctx), 'complete-rpc')
    expect(c.end.status === 'faulted' && c.end.fault.faultCode).toBe(8800)
  })

  it('asks the owner before claiming again when the RPC was awaited', () => {
    const awaited: SessionState = { phase: 'acs-requests', session: aSession(), inFlight: anInFlight({ awaited: true }) }
    const c = only(step(awaited, { type: 'cpe-response', envelope: response('GetParameterValuesResponse', 'rpc-1') }, ctx), 'complete-rpc')
    expect(c.notifyOwner).toBe(true)
  })

  it('claims the next RPC once the previous one is completed', () => {
    const s = step(waiting, { type: 'rpc-completed', inFlight: anInFlight(), end: { status: 'done', response: { method: 'GetParameterValuesResponse' } } }, ctx)
    expect(s.effects.map((e) => e.type)).toEqual(['claim-next'])
    expect(s.state.phase).toBe('cpe-requests')
  })

  it('ends the session after a successful Reboot instead of sending more', () => {
    const inFlight = anInFlight({ method: 'Reboot', stopsSession: true })
    const s = step({ ...waiting, inFlight }, { type: 'rpc-completed', inFlight, end: { status: 'done', response: { method: 'RebootResponse' } } }, ctx)
    expect(s.effects.map((e) => e.type)).toEqual(['close-session', 'reply'])
  })

  it('keeps delivering after a Reboot the CPE faulted', () => {
    const inFlight = anInFlight({ method: 'Reboot', stopsSession: true })
    const s = step({ ...waiting, inFlight }, { type: 'rpc-completed', inFlight, end: { status: 'faulted', fault: { faultCode: 9001, faultString: 'no' } } }, ctx)
    expect(s.effects.map((e) => e.type)).toEqual(['claim-next'])
  })

  it('answers a CPE request that arrives while an RPC is in flight and keeps waiting', () => {
    const s = step(waiting, { type: 'cpe-request-stored', envelope: aCpeRequest() }, ctx)
    expect(s.state).toBe(waiting)
    expect(replyOf(s).kind).toBe('soap')
  })
})

describe('session state machine: a second Inform in a session', () => {
  const live: SessionState = { phase: 'acs-requests', session: aSession({ sessionId: 'old' }), inFlight: anInFlight() }

  it('authenticates the new Inform before touching the old session', () => {
    const s = step(live, { type: 'inform', envelope: anInform(), sessionId: 'new', remoteAddress: '' }, ctx)
    expect(s.effects.map((e) => e.type)).toEqual(['authenticate'])
  })

  it('supersedes the old session once the new Inform is authenticated', () => {
    const inform = anInform()
    const a = step(live, { type: 'inform', envelope: inform, sessionId: 'new', remoteAddress: '' }, ctx)
    const b = step(a.state, { type: 'auth-ok', envelope: inform }, ctx)
    expect(b.effects.map((e) => e.type)).toEqual(['close-session', 'acquire-lock'])
    expect(only(b, 'close-session')).toMatchObject({ outcome: 'superseded', session: { sessionId: 'old' } })
  })

  it('keeps the old session when the new Inform fails authentication', () => {
    const inform = anInform()
    const a = step(live, { type: 'inform', envelope: inform, sessionId: 'new', remoteAddress: '' }, ctx)
    expect(step(a.state, { type: 'auth-failed', challenges: [] }, ctx).state).toBe(live)
  })
})
