import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { isPrivateAddress, parseUdpAddress, planConnectionRequest } from '../../src/connection-request/cr-plan.js'
import { buildUdpConnectionRequest, udpSignature } from '../../src/connection-request/udp-connection-request.js'

describe('connection request planning', () => {
  it('uses HTTP first for a public URL, with UDP as the fallback', () => {
    expect(planConnectionRequest({ connectionRequestUrl: 'http://198.51.100.7:7547/cr', udpConnectionRequestAddress: '203.0.113.5:4000' }).order).toEqual(['http', 'udp'])
  })

  it('uses UDP only when the URL is private and a UDP address exists', () => {
    expect(planConnectionRequest({ connectionRequestUrl: 'http://192.168.1.1:7547/', udpConnectionRequestAddress: '203.0.113.5:4000' }).order).toEqual(['udp'])
  })

  it('still tries a private URL when there is no UDP address', () => {
    expect(planConnectionRequest({ connectionRequestUrl: 'http://10.1.2.3/' }).order).toEqual(['http'])
  })

  it('has nothing to try without a usable address', () => {
    expect(planConnectionRequest({ connectionRequestUrl: 'ftp://x/' }).order).toEqual([])
  })

  it('treats loopback as reachable', () => {
    expect(isPrivateAddress('127.0.0.1')).toBe(false)
  })

  it('recognises RFC 1918, CGNAT, link-local and ULA addresses', () => {
    expect(['10.0.0.1', '172.20.1.1', '192.168.0.1', '100.64.0.1', '169.254.1.1', 'fd00::1', 'fe80::1'].every(isPrivateAddress)).toBe(true)
  })

  it('reads host, host:port and [v6]:port UDP addresses (port 80 by default)', () => {
    expect(parseUdpAddress('203.0.113.5')).toEqual({ host: '203.0.113.5', port: 80 })
    expect(parseUdpAddress('203.0.113.5:4000')).toEqual({ host: '203.0.113.5', port: 4000 })
    expect(parseUdpAddress('[2001:db8::1]:4000')).toEqual({ host: '2001:db8::1', port: 4000 })
    expect(parseUdpAddress('x:99999')).toBeNull()
  })
})

describe('TR-111 UDP connection request', () => {
  const fields = { ts: 1740823200, id: 5810, username: 'acs cr', cnonce: 'Xy7Qp2' }

  it('signs ts+id+un+cn with HMAC-SHA1 keyed by the password', () => {
    const expected = createHmac('sha1', 'secret').update('17408232005810acs crXy7Qp2').digest('hex')
    expect(udpSignature(fields, 'secret')).toBe(expected)
  })

  it('builds one GET request line and Host header with URL-encoded username', () => {
    const msg = buildUdpConnectionRequest({ host: '203.0.113.5', port: 41234 }, fields, 'secret')
    expect(msg).toBe(
      `GET http://203.0.113.5:41234?ts=1740823200&id=5810&un=acs%20cr&cn=Xy7Qp2&sig=${udpSignature(fields, 'secret')} HTTP/1.1\r\nHost: 203.0.113.5:41234\r\n\r\n`,
    )
  })
})
