import { describe, expect, it } from 'vitest'
import { decodeEntry, encodeEntry, type DeviceSessionEntry } from '../../src/session/session-codec.js'
import { anInFlight, aSession } from './builders.js'

const header = { at: 2_500 }

describe('session entry codec', () => {
  it('round-trips an entry holding a session with an RPC in flight', () => {
    const entry: DeviceSessionEntry = {
      ...header,
      state: { phase: 'acs-requests', session: aSession({ trace: { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 } }), inFlight: anInFlight({ group: 'g' }) },
    }
    expect(decodeEntry(encodeEntry(entry))).toEqual(entry)
  })

  it('reads garbage as no entry', () => {
    expect(decodeEntry(new TextEncoder().encode('{"at":1,"state":'))).toBeNull()
  })

  it('reads an entry of an unknown shape as no entry', () => {
    expect(decodeEntry(new TextEncoder().encode(JSON.stringify({ ...header, state: { phase: 'opening', session: aSession() } })))).toBeNull()
    // The session state of the version that kept the lock in a bucket of its own.
    expect(decodeEntry(new TextEncoder().encode(JSON.stringify({ phase: 'cpe-requests', session: aSession() })))).toBeNull()
  })
})
