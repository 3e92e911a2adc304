import { createHmac, randomUUID } from 'node:crypto'
import { createSocket, type Socket } from 'node:dgram'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectionRequestCommandV1, connectionRequestResultV1, deviceToken, type ConnectionRequestResultV1 } from '@acs/contracts'
import { captureEvents, expectValid } from '@acs/contracts/testing'
import { CpeAuthenticator } from '../../src/auth/cpe-authenticator.js'
import { NonceSigner } from '../../src/auth/digest.js'
import type { Backend, RunningGateway } from '../support/backend.js'
import { startGateway } from '../support/backend.js'
import { CpeClient } from '../support/cpe-client.js'
import { expectMethod } from '../support/cwmp-assert.js'
import { aDevice, deviceIdOf, informXml, type TestDevice } from '../support/informs.js'
import { until } from '../support/until.js'

const CR = { username: 'cr-user', password: 'cr-pass' }

/** A CPE's connection-request listener: Digest with CR credentials (§10.1), counting what it saw. */
async function crListener(): Promise<{ server: Server; url: string; accepted: number; challenged: number }> {
  const auth = new CpeAuthenticator({ realm: 'cpe', digest: true, basic: false, method: 'GET', nonces: new NonceSigner(Buffer.from('cpe-side-secret-0123456789'), 60_000) })
  const state = { server: createServer(), url: '', accepted: 0, challenged: 0 }
  state.server.on('request', (req, res) => {
    const outcome = auth.check(req.headers.authorization, CR, Date.now())
    if (outcome.ok) {
      state.accepted++
      res.writeHead(200).end()
    } else {
      state.challenged++
      res.writeHead(401, { 'www-authenticate': outcome.challenges }).end()
    }
  })
  await new Promise<void>((resolve) => state.server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}/cr/abc`
  return state
}

/** Connection requests: HTTP with Digest to a local listener, UDP (TR-111) to a local socket, failures. */
export function connectionRequestSuite(makeBackend: () => Promise<Backend>): void {
  describe('connection requests', () => {
    let backend: Backend
    let gw: RunningGateway
    let listener: Awaited<ReturnType<typeof crListener>>
    let udp: Socket
    const datagrams: string[] = []
    const clients: CpeClient[] = []

    beforeAll(async () => {
      backend = await makeBackend()
      gw = await startGateway(backend, { ACS_CR_MIN_INTERVAL_MS: '60000', ACS_CR_TIMEOUT_MS: '2000' }, { name: 'gw-cr' })
      listener = await crListener()
      udp = createSocket('udp4')
      udp.on('message', (m) => datagrams.push(m.toString('utf8')))
      await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve))
    })
    afterAll(async () => {
      for (const c of clients) c.close()
      udp?.close()
      await new Promise((resolve) => listener?.server.close(resolve))
      await gw?.close()
      await backend?.close()
    })

    /** Registers the device through a real Inform session, stores its CR credentials, and asks for a connection request. */
    async function wake(d: TestDevice, creds = CR, commands = 1): Promise<ConnectionRequestResultV1[]> {
      const deviceId = deviceIdOf(d)
      const cpe = new CpeClient(gw.url)
      clients.push(cpe)
      expectMethod(await cpe.post(informXml(d)), 'InformResponse')
      expect((await cpe.post('')).status).toBe(204)
      await gw.store.devices.putCredentials({ deviceId, connectionRequest: creds, updatedAt: new Date() })
      const results = await captureEvents(gw.bus, connectionRequestResultV1, connectionRequestResultV1.filter(deviceToken(deviceId)))
      for (let i = 0; i < commands; i++) {
        await gw.bus.publish(connectionRequestCommandV1, connectionRequestCommandV1.subject(deviceToken(deviceId)), {
          commandId: randomUUID(),
          deviceId,
          requestedBy: 'test',
          requestedAt: new Date().toISOString(),
        })
      }
      const got = await results.waitFor(commands, { timeoutMs: 15_000 })
      await results.stop()
      for (const r of got) expectValid(connectionRequestResultV1, r)
      return got
    }

    it('wakes a device over HTTP, answering its Digest challenge with the connection-request credentials', async () => {
      const before = listener.accepted
      const [r] = await wake(aDevice({ connectionRequestUrl: listener.url }))
      expect(r).toMatchObject({ transport: 'http', outcome: 'accepted', status: 200 })
      expect(listener.accepted).toBe(before + 1)
    })

    it('reports auth-failed when the CPE rejects the credentials', async () => {
      const [r] = await wake(aDevice({ connectionRequestUrl: listener.url }), { ...CR, password: 'wrong' })
      expect(r).toMatchObject({ transport: 'http', outcome: 'auth-failed', status: 401 })
    })

    it('reports unreachable for a URL nobody listens on', async () => {
      const closed = createServer()
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
      const port = (closed.address() as AddressInfo).port
      await new Promise((resolve) => closed.close(resolve))
      const [r] = await wake(aDevice({ connectionRequestUrl: `http://127.0.0.1:${port}/cr` }))
      expect(r).toMatchObject({ transport: 'http', outcome: 'unreachable' })
    })

    it('sends a signed TR-111 UDP request three times to a CPE behind NAT', async () => {
      const port = (udp.address() as AddressInfo).port
      const d = aDevice({ model: 'tr098', connectionRequestUrl: 'http://192.168.1.1:7547/cr', udpConnectionRequestAddress: `127.0.0.1:${port}` })
      datagrams.length = 0
      const [r] = await wake(d)
      expect(r).toMatchObject({ transport: 'udp', outcome: 'sent' })
      await until(() => datagrams.length >= 3)
      expect(new Set(datagrams).size).toBe(1)
      const m = /^GET http:\/\/127\.0\.0\.1:\d+\?ts=(\d+)&id=(\d+)&un=([^&]*)&cn=([^&]*)&sig=([0-9a-f]{40}) HTTP\/1\.1\r\nHost: 127\.0\.0\.1:\d+\r\n\r\n$/.exec(datagrams[0]!)
      expect(m).not.toBeNull()
      const [, ts, id, un, cn, sig] = m!
      expect(decodeURIComponent(un!)).toBe(CR.username)
      expect(sig).toBe(createHmac('sha1', CR.password).update(`${ts}${id}${decodeURIComponent(un!)}${decodeURIComponent(cn!)}`).digest('hex'))
    })

    it('sends at most one connection request per device per interval', async () => {
      const results = await wake(aDevice({ connectionRequestUrl: listener.url }), CR, 2)
      expect(results.map((r) => r.outcome).sort()).toEqual(['accepted', 'rate-limited'])
    })

    it('reports no-address for a device that never informed', async () => {
      const deviceId = deviceIdOf(aDevice())
      const results = await captureEvents(gw.bus, connectionRequestResultV1, connectionRequestResultV1.filter(deviceToken(deviceId)))
      await gw.bus.publish(connectionRequestCommandV1, connectionRequestCommandV1.subject(deviceToken(deviceId)), { commandId: randomUUID(), deviceId, requestedBy: 'test', requestedAt: new Date().toISOString() })
      expect((await results.waitFor(1))[0]).toMatchObject({ transport: 'none', outcome: 'no-address' })
      await results.stop()
    })
  })
}
