import { describe, expect, it } from 'vitest'
import { sessionFromCookie } from '../../src/http/cwmp-server.js'
import { parseSessionToken, sessionToken } from '../../src/session/session-token.js'

const id = '0b7c3a52-3f1e-4c9a-9d2b-5e8f6a1c2d3e'

describe('session token (the acs_session cookie value)', () => {
  it('round-trips device ids with any characters, cookie-safe', () => {
    for (const deviceId of ['00AABB-HGW-9-SN0001', 'ACME-Box 2000.v2-SN;1=2', 'Fábrica-Modèle-序列号', '%2F..%00']) {
      const token = sessionToken({ sessionId: id, deviceId })
      expect(token).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]+$/)
      expect(parseSessionToken(token)).toEqual({ sessionId: id, deviceId })
    }
  })

  it('reads the session id case-insensitively', () => {
    const token = sessionToken({ sessionId: id, deviceId: 'D' }).replace(id, id.toUpperCase())
    expect(parseSessionToken(token)).toEqual({ sessionId: id, deviceId: 'D' })
  })

  it('refuses what this gateway did not issue: the older bare session id, garbage, a non-canonical device part', () => {
    const device = Buffer.from('00AABB-HGW-9-SN0001').toString('base64url')
    for (const token of [id, `${id}.`, `not-a-uuid.${device}`, `${id}.${device}.x`, `${id}.${device}=`, `${id}.AB`, `${id}.${'A'.repeat(1025)}`]) {
      expect(parseSessionToken(token), token).toBeNull()
    }
  })

  it('finds the session cookie among others in a Cookie header, quoted or not, and ignores a malformed one', () => {
    const token = sessionToken({ sessionId: id, deviceId: '00AABB-HGW-9-SN0001' })
    expect(sessionFromCookie(`lang=en; acs_session=${token}; theme=dark`)).toEqual({ sessionId: id, deviceId: '00AABB-HGW-9-SN0001' })
    expect(sessionFromCookie(`acs_session="${token}"`)).toEqual({ sessionId: id, deviceId: '00AABB-HGW-9-SN0001' })
    expect(sessionFromCookie(`acs_session="${token}`)).toBeUndefined()
    expect(sessionFromCookie(`acs_session=${id}`)).toBeUndefined()
    // A stale cookie of the older form before the current one (two paths, or a CPE that keeps both).
    expect(sessionFromCookie(`acs_session=${id}; acs_session=${token}`)).toEqual({ sessionId: id, deviceId: '00AABB-HGW-9-SN0001' })
    expect(sessionFromCookie('acs_session=<script>')).toBeUndefined()
    expect(sessionFromCookie(undefined)).toBeUndefined()
  })
})
