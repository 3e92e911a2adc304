import { describe, expect, it } from 'vitest'
import { parseUdpConnectionRequest, udpSignature, verifyUdpConnectionRequest } from '../../src/cr/udp-signature.js'

const creds = { username: 'acs-cr', password: 'secret' }
function datagram(ts: string, id: string, un = 'acs-cr', cn = 'Xy7Qp2', password = 'secret'): string {
  const sig = udpSignature(password, ts, id, un, cn)
  return `GET http://127.0.0.1:7547?ts=${ts}&id=${id}&un=${encodeURIComponent(un)}&cn=${cn}&sig=${sig} HTTP/1.1\r\nHost: 127.0.0.1:7547\r\n\r\n`
}
function verify(text: string, last?: { ts: number; id: string }) {
  const req = parseUdpConnectionRequest(text)
  if (!req) throw new Error('did not parse')
  return verifyUdpConnectionRequest(req, creds, last)
}

describe('UDP connection request (TR-111)', () => {
  it('accepts a request signed with the connection-request password', () => {
    expect(verify(datagram('1740823200', '5810'))).toEqual({ ok: true, ts: 1740823200, id: '5810' })
  })

  it('matches HMAC-SHA1 over ts, id, un and cn concatenated', () => {
    // Reference value computed independently: printf '1740823200''5810''acs-cr''Xy7Qp2' | openssl sha1 -hmac secret
    expect(udpSignature('secret', '1740823200', '5810', 'acs-cr', 'Xy7Qp2')).toBe('709024655bdc2a881143ae0774e4e40d2fe73e2f')
  })

  it('rejects a wrong signature', () => {
    expect(verify(datagram('1740823200', '5810', 'acs-cr', 'Xy7Qp2', 'other'))).toEqual({ ok: false, reason: 'signature' })
  })

  it('rejects another username', () => {
    expect(verify(datagram('1740823200', '5810', 'someone'))).toEqual({ ok: false, reason: 'username' })
  })

  it('ignores a retransmission with the id it already accepted', () => {
    expect(verify(datagram('1740823201', '5810'), { ts: 1740823200, id: '5810' })).toEqual({ ok: false, reason: 'replay' })
  })

  it('rejects a timestamp older than the last accepted one', () => {
    expect(verify(datagram('1740823100', '5811'), { ts: 1740823200, id: '5810' })).toEqual({ ok: false, reason: 'stale' })
  })

  it('does not parse a datagram that is not a GET with all five fields', () => {
    expect(parseUdpConnectionRequest('GET http://127.0.0.1:7547?ts=1&id=2&un=u HTTP/1.1\r\n\r\n')).toBeUndefined()
  })
})
