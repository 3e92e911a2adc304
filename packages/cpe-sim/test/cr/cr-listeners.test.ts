import { createSocket } from 'node:dgram'
import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { startHttpCrListener, type CrListener } from '../../src/cr/http-cr-listener.js'
import type { ConnectionRequestTarget } from '../../src/cr/connection-request-target.js'
import { startUdpCrListener, type UdpCrListener } from '../../src/cr/udp-cr-listener.js'
import { udpSignature } from '../../src/cr/udp-signature.js'
import type { SimDevice } from '../../src/device/sim-device.js'
import { authorizationFor, parseChallenges } from '../../src/http/digest-client.js'
import { aDevice } from '../support/devices.js'
import { until } from '../support/fake-acs.js'

/** A target with one device; records wakes and rejections. */
function targetFor(device: SimDevice, busy = false) {
  const woken: string[] = []
  const rejected: string[] = []
  const target: ConnectionRequestTarget = {
    bySerial: (s) => (s === device.facts.serial ? device : undefined),
    byConnectionRequestUsername: (u) => (u === device.managementServer('ConnectionRequestUsername') ? [device] : []),
    wake: (_d, via) => {
      woken.push(via)
      return busy ? 'busy' : 'accepted'
    },
    rejected: (r) => rejected.push(r),
  }
  return { target, woken, rejected }
}

let http: CrListener | undefined
let udp: UdpCrListener | undefined
afterEach(async () => {
  await http?.close()
  await udp?.close()
  http = udp = undefined
})

async function get(port: number, path: string, creds?: { username: string; password: string }) {
  const url = `http://127.0.0.1:${port}${path}`
  const first = await request(url)
  await first.body.dump()
  if (first.statusCode !== 401 || !creds) return { status: first.statusCode, challenge: first.headers['www-authenticate'] }
  const challenge = parseChallenges(first.headers['www-authenticate'])
  if (!challenge) throw new Error('no challenge')
  const second = await request(url, { headers: { authorization: authorizationFor({ challenge, nc: 0 }, creds, 'GET', path) } })
  await second.body.dump()
  return { status: second.statusCode, challenge: second.headers['www-authenticate'] }
}

describe('HTTP connection-request listener', () => {
  it('challenges a request without credentials with Digest', async () => {
    const d = aDevice()
    http = await startHttpCrListener('127.0.0.1', 0, targetFor(d).target)
    const r = await get(http.port, `/cr/${d.facts.serial}`)
    expect(r.status).toBe(401)
    expect(String(r.challenge)).toMatch(/^Digest .*qop="auth"/)
  })

  it('wakes the device after a correct Digest answer', async () => {
    const d = aDevice()
    const t = targetFor(d)
    http = await startHttpCrListener('127.0.0.1', 0, t.target)
    const r = await get(http.port, `/cr/${d.facts.serial}`, { username: `cr-${d.facts.serial}`, password: 'crpass' })
    expect([r.status, t.woken]).toEqual([200, ['http']])
  })

  it('refuses a wrong password without waking the device', async () => {
    const d = aDevice()
    const t = targetFor(d)
    http = await startHttpCrListener('127.0.0.1', 0, t.target)
    const r = await get(http.port, `/cr/${d.facts.serial}`, { username: `cr-${d.facts.serial}`, password: 'wrong' })
    expect([r.status, t.woken]).toEqual([401, []])
  })

  it('answers 503 while the device is in a session', async () => {
    const d = aDevice()
    http = await startHttpCrListener('127.0.0.1', 0, targetFor(d, true).target)
    const r = await get(http.port, `/cr/${d.facts.serial}`, { username: `cr-${d.facts.serial}`, password: 'crpass' })
    expect(r.status).toBe(503)
  })

  it('answers 404 for a serial number it does not simulate', async () => {
    http = await startHttpCrListener('127.0.0.1', 0, targetFor(aDevice()).target)
    expect((await get(http.port, '/cr/NOPE')).status).toBe(404)
  })
})

describe('UDP connection-request socket', () => {
  it('wakes the device named by un when the signature verifies', async () => {
    const d = aDevice()
    const t = targetFor(d)
    udp = await startUdpCrListener('127.0.0.1', 0, t.target)
    const un = `cr-${d.facts.serial}`
    const ts = String(Math.floor(Date.now() / 1000))
    const msg = `GET http://127.0.0.1:${udp.port}?ts=${ts}&id=1&un=${un}&cn=abc&sig=${udpSignature('crpass', ts, '1', un, 'abc')} HTTP/1.1\r\n\r\n`
    const socket = createSocket('udp4')
    socket.send(msg, udp.port, '127.0.0.1')
    await until(() => t.woken.length > 0)
    socket.close()
    expect(t.woken).toEqual(['udp'])
  })
})
