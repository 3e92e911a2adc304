import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deviceCredentialsV1, deviceToken } from '@acs/contracts'
import { parseAuthHeader } from '../../src/auth/auth-params.js'
import { digestAuthorization } from '../../src/connection-request/http-connection-request.js'
import type { Backend, RunningGateway } from '../support/backend.js'
import { startGateway } from '../support/backend.js'
import { CpeClient, type CpeReply } from '../support/cpe-client.js'
import { expectFault, expectMethod } from '../support/cwmp-assert.js'
import { aDevice, deviceIdOf, informXml } from '../support/informs.js'
import { queued } from '../support/queued.js'
import { until } from '../support/until.js'

const FALLBACK = { username: 'acs-cpe', password: 'fallback-pass' }
const NONCE_TTL_MS = 60_000
const MAX_BODY = 64 * 1024

function challenge(reply: CpeReply, algorithm: 'MD5' | 'SHA-256') {
  const values = ([] as string[]).concat(reply.headers['www-authenticate'] ?? [])
  const item = values.flatMap((v) => parseAuthHeader(v)).find((i) => i.scheme === 'digest' && i.params.algorithm === algorithm)
  if (!item) throw new Error(`no ${algorithm} challenge in ${JSON.stringify(values)}`)
  return item
}

/** Bad input and authentication: each refused request leaves the device record and its queue as they were. */
export function protectionSuite(makeBackend: () => Promise<Backend>): void {
  describe('CWMP endpoint protection and authentication', () => {
    let backend: Backend
    let gw: RunningGateway
    let skewMs = 0
    const clients: CpeClient[] = []
    const client = () => {
      const c = new CpeClient(gw.url)
      clients.push(c)
      return c
    }

    beforeAll(async () => {
      backend = await makeBackend()
      gw = await startGateway(
        backend,
        { ACS_CPE_USERNAME: FALLBACK.username, ACS_CPE_PASSWORD: FALLBACK.password, ACS_CWMP_NONCE_TTL_MS: String(NONCE_TTL_MS), ACS_CWMP_MAX_BODY_BYTES: String(MAX_BODY) },
        { now: () => new Date(Date.now() + skewMs) },
      )
    })
    afterAll(async () => {
      for (const c of clients) c.close()
      await gw?.close()
      await backend?.close()
    })

    /** A device with one queued RPC, and a check that neither it nor its record changed. */
    async function untouchedDevice() {
      const d = aDevice()
      const deviceId = deviceIdOf(d)
      const rpc = await gw.store.rpcQueue.enqueue({ deviceId, service: 'provisioning', request: queued({ method: 'GetRPCMethods' }) }, new Date())
      return {
        d,
        async expectUnchanged() {
          expect(await gw.store.devices.get(deviceId)).toBeNull()
          expect((await gw.store.rpcQueue.listByDevice(deviceId)).map((r) => [r.id, r.status, r.attempts])).toEqual([[rpc.id, 'queued', 0]])
        },
      }
    }

    async function authedInform(cpe: CpeClient, xml: string, creds: { username: string; password: string }, algorithm: 'MD5' | 'SHA-256') {
      const first = await cpe.post(xml)
      expect(first.status).toBe(401)
      return cpe.post(xml, { authorization: digestAuthorization(challenge(first, algorithm), creds, 'POST', new URL(gw.url).pathname) })
    }

    it('answers malformed XML with SOAP fault 8003 over HTTP 500 and stores nothing', async () => {
      const t = await untouchedDevice()
      const reply = await client().post(informXml(t.d).slice(0, -60))
      expect(reply.status).toBe(500)
      expectFault(reply, 8003)
      await t.expectUnchanged()
    })

    it('refuses a body over the size limit with 413 and stores nothing', async () => {
      const t = await untouchedDevice()
      const huge = informXml(t.d).replace('<CurrentTime>', `<X>${'a'.repeat(MAX_BODY)}</X><CurrentTime>`)
      expect((await client().post(huge)).status).toBe(413)
      await t.expectUnchanged()
    })

    it('challenges an Inform without credentials with MD5 and SHA-256 Digest and stores nothing', async () => {
      const t = await untouchedDevice()
      const cpe = client()
      const reply = await cpe.post(informXml(t.d))
      expect(reply.status).toBe(401)
      expect(challenge(reply, 'MD5').params.qop).toBe('auth')
      expect(challenge(reply, 'SHA-256').params.realm).toBe('acs')
      expect(cpe.cookie).toBeUndefined()
      await t.expectUnchanged()
    })

    it('admits an Inform answering the MD5 challenge', async () => {
      const d = aDevice()
      expectMethod(await authedInform(client(), informXml(d), FALLBACK, 'MD5'), 'InformResponse')
      expect(await gw.store.devices.get(deviceIdOf(d))).not.toBeNull()
    })

    it('admits an Inform answering the SHA-256 challenge', async () => {
      expectMethod(await authedInform(client(), informXml(aDevice()), FALLBACK, 'SHA-256'), 'InformResponse')
    })

    it('refuses a wrong password with 401 and stores nothing', async () => {
      const t = await untouchedDevice()
      const reply = await authedInform(client(), informXml(t.d), { ...FALLBACK, password: 'nope' }, 'MD5')
      expect(reply.status).toBe(401)
      await t.expectUnchanged()
    })

    it('answers an expired nonce with stale=true and admits the retry with a fresh one', async () => {
      const d = aDevice()
      const cpe = client()
      const xml = informXml(d)
      const first = await cpe.post(xml)
      const old = challenge(first, 'MD5')
      skewMs += NONCE_TTL_MS + 1_000
      const stale = await cpe.post(xml, { authorization: digestAuthorization(old, FALLBACK, 'POST', '/acs') })
      expect(stale.status).toBe(401)
      expect(challenge(stale, 'MD5').params.stale).toBe('true')
      const retry = await cpe.post(xml, { authorization: digestAuthorization(challenge(stale, 'MD5'), FALLBACK, 'POST', '/acs') })
      expectMethod(retry, 'InformResponse')
    })

    it('refuses a replayed Digest Authorization with stale=true, and takes the same nonce with a higher count', async () => {
      const d = aDevice()
      const xml = informXml(d)
      const cpe = client()
      const nonceOf = challenge(await cpe.post(xml), 'MD5')
      const captured = digestAuthorization(nonceOf, FALLBACK, 'POST', '/acs')
      expectMethod(await cpe.post(xml, { authorization: captured }), 'InformResponse')
      expect((await cpe.post('')).status).toBe(204)
      const before = await gw.store.devices.get(deviceIdOf(d))

      const attacker = client()
      const replay = await attacker.post(xml, { authorization: captured })
      expect(replay.status).toBe(401)
      expect(challenge(replay, 'MD5').params.stale).toBe('true')
      expect(attacker.cookie).toBeUndefined()
      expect(await gw.store.devices.get(deviceIdOf(d))).toEqual(before)

      const next = await cpe.post(xml, { authorization: digestAuthorization(nonceOf, FALLBACK, 'POST', '/acs', 2) })
      expectMethod(next, 'InformResponse')
    })

    it('does not offer Basic over plain HTTP', async () => {
      const t = await untouchedDevice()
      const basic = `Basic ${Buffer.from(`${FALLBACK.username}:${FALLBACK.password}`).toString('base64')}`
      expect((await client().post(informXml(t.d), { authorization: basic })).status).toBe(401)
      await t.expectUnchanged()
    })

    it('takes per-device credentials from deviceCredentialsV1 and prefers them over the fallback', async () => {
      const d = aDevice()
      const deviceId = deviceIdOf(d)
      const own = { username: `${d.oui}-${d.serialNumber}`, password: 'device-pass' }
      await gw.bus.publish(deviceCredentialsV1, deviceCredentialsV1.subject(deviceToken(deviceId)), {
        eventId: randomUUID(),
        deviceId,
        occurredAt: new Date().toISOString(),
        cpe: own,
      })
      await until(async () => (await gw.store.devices.getCredentials(deviceId))?.cpe?.username === own.username)
      expect((await authedInform(client(), informXml(d), FALLBACK, 'MD5')).status).toBe(401)
      expectMethod(await authedInform(client(), informXml(d), own, 'MD5'), 'InformResponse')
    })
  })
}
