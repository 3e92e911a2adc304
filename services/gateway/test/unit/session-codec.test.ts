import { describe, expect, it } from 'vitest'
import { decodeSession, encodeSession } from '../../src/session/session-codec.js'
import type { LiveSessionState } from '../../src/session/session-types.js'
import { anInFlight, aSession } from './builders.js'

describe('session codec', () => {
  it('round-trips a session with an RPC in flight', () => {
    const state: LiveSessionState = { phase: 'acs-requests', session: aSession({ trace: { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 } }), inFlight: anInFlight({ group: 'g' }) }
    expect(decodeSession(encodeSession(state))).toEqual(state)
  })

  it('reads garbage as no session', () => {
    expect(decodeSession(new TextEncoder().encode('{"phase":"cpe-requests"'))).toBeNull()
  })

  it('reads a session of an unknown shape as no session', () => {
    expect(decodeSession(new TextEncoder().encode(JSON.stringify({ phase: 'opening', session: aSession() })))).toBeNull()
  })
})
