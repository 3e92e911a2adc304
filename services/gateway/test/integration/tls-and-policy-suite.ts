import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseAuthHeader } from '../../src/auth/auth-params.js'
import { digestAuthorization } from '../../src/connection-request/http-connection-request.js'
import type { Backend, RunningGateway } from '../support/backend.js'
import { startGateway } from '../support/backend.js'
import { CpeClient } from '../support/cpe-client.js'
import { expectFault, expectMethod } from '../support/cwmp-assert.js'
import { aDevice, deviceIdOf, informXml } from '../support/informs.js'
import { queued } from '../support/queued.js'

const certFile = fileURLToPath(new URL('../fixtures/tls/localhost.crt', import.meta.url))
const keyFile = fileURLToPath(new URL('../fixtures/tls/localhost.key', import.meta.url))
const CREDS = { username: 'cpe', password: 'tls-pass' }

/** HTTPS with Basic (§2.4: Basic only over TLS), the unknown-device policy, HoldRequests. */
export function tlsAndPolicySuite(makeBackend: () => Promise<Backend>): void {
  describe('HTTPS endpoint and device policy', () => {
    let backend: Backend
    let tls: RunningGateway
    let closedDoor: RunningGateway
    let holding: RunningGateway
    let lenient: RunningGateway
    const clients: CpeClient[] = []
    const client = (url: string, ca?: Buffer) => {
      const c = new CpeClient(url, ca ? { ca } : {})
      clients.push(c)
      return c
    }

    beforeAll(async () => {
      backend = await makeBackend()
      tls = await startGateway(
        backend,
        { ACS_CWMP_TLS_CERT_FILE: certFile, ACS_CWMP_TLS_KEY_FILE: keyFile, ACS_CWMP_AUTH: 'both', ACS_CPE_USERNAME: CREDS.username, ACS_CPE_PASSWORD: CREDS.password },
        { name: 'gw-tls' },
      )
      closedDoor = await startGateway(backend, { ACS_GATEWAY_ALLOW_UNKNOWN_DEVICES: 'false' }, { name: 'gw-closed' })
      holding = await startGateway(backend, { ACS_CWMP_HOLD_REQUESTS: 'true' }, { name: 'gw-hold' })
      lenient = await startGateway(
        backend,
        { ACS_CPE_USERNAME: CREDS.username, ACS_CPE_PASSWORD: CREDS.password, ACS_CWMP_DIGEST_REPLAY_GUARD: 'false' },
        { name: 'gw-lenient' },
      )
    })
    afterAll(async () => {
      for (const c of clients) c.close()
      await tls?.close()
      await closedDoor?.close()
      await holding?.close()
      await lenient?.close()
      await backend?.close()
    })

    it('offers Basic over TLS and admits an Inform with correct Basic credentials', async () => {
      const cpe = client(tls.url, readFileSync(certFile))
      const challenge = await cpe.post(informXml(aDevice()))
      expect(challenge.status).toBe(401)
      expect(String(challenge.headers['www-authenticate'])).toContain('Basic realm="acs"')
      const basic = `Basic ${Buffer.from(`${CREDS.username}:${CREDS.password}`).toString('base64')}`
      expectMethod(await cpe.post(informXml(aDevice()), { authorization: basic }), 'InformResponse')
    })

    it('marks the session cookie Secure over TLS', async () => {
      const cpe = client(tls.url, readFileSync(certFile))
      const basic = `Basic ${Buffer.from(`${CREDS.username}:${CREDS.password}`).toString('base64')}`
      expectMethod(await cpe.post(informXml(aDevice()), { authorization: basic }), 'InformResponse')
      expect(cpe.setCookie).toMatch(/; Secure/)
      expect((await cpe.post('')).status).toBe(204)
    })

    it('sends cwmp:HoldRequests=true with queued RPCs when configured', async () => {
      const d = aDevice()
      await holding.store.rpcQueue.enqueue({ deviceId: deviceIdOf(d), service: 'provisioning', request: queued({ method: 'GetRPCMethods' }) }, new Date())
      const cpe = client(holding.url)
      expectMethod(await cpe.post(informXml(d)), 'InformResponse')
      expect(expectMethod(await cpe.post(''), 'GetRPCMethods').header.holdRequests).toBe(true)
    })

    it('admits a resent Digest Authorization when the replay guard is off', async () => {
      const xml = informXml(aDevice())
      const cpe = client(lenient.url)
      const values = ([] as string[]).concat((await cpe.post(xml)).headers['www-authenticate'] ?? [])
      const md5 = values.flatMap((v) => parseAuthHeader(v)).find((i) => i.scheme === 'digest' && i.params.algorithm === 'MD5')!
      const authorization = digestAuthorization(md5, CREDS, 'POST', '/acs')
      expectMethod(await cpe.post(xml, { authorization }), 'InformResponse')
      expect((await cpe.post('')).status).toBe(204)
      expectMethod(await client(lenient.url).post(xml, { authorization }), 'InformResponse')
    })

    it('refuses a device it never saw with 8001 when unknown devices are not allowed, and stores nothing', async () => {
      const d = aDevice()
      expectFault(await client(closedDoor.url).post(informXml(d)), 8001)
      expect(await closedDoor.store.devices.get(deviceIdOf(d))).toBeNull()
    })

    it('admits a device whose credentials were provisioned when unknown devices are not allowed', async () => {
      const d = aDevice()
      await closedDoor.store.devices.putCredentials({ deviceId: deviceIdOf(d), connectionRequest: { username: 'u', password: 'p' }, updatedAt: new Date() })
      expectMethod(await client(closedDoor.url).post(informXml(d)), 'InformResponse')
    })
  })
}
