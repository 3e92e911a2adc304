import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deviceToken, sessionClosedV1 } from '@acs/contracts'
import { captureEvents } from '@acs/contracts/testing'
import type { Backend, RunningGateway } from '../support/backend.js'
import { startGateway, withSlowInformWrites } from '../support/backend.js'
import { CpeClient } from '../support/cpe-client.js'
import { expectFault, expectMethod, soapOf } from '../support/cwmp-assert.js'
import { aDevice, deviceIdOf, informXml, messageXml } from '../support/informs.js'
import { queued } from '../support/queued.js'

const LATENCY_TARGET_MS = 1_000
const SLOW_INFORM_MS = 2_500

/** One session per device, the per-replica session cap, the per-address flood limit, HTTP framing. */
export function admissionSuite(makeBackend: () => Promise<Backend>): void {
  describe('CWMP session admission', () => {
    let backend: Backend
    let gw: RunningGateway
    let capped: RunningGateway
    let limited: RunningGateway
    let strict: RunningGateway
    let adaptive: RunningGateway
    let slowInforms = false
    const clients: CpeClient[] = []
    const client = (url: string, localAddress?: string) => {
      const c = new CpeClient(url, localAddress ? { localAddress } : {})
      clients.push(c)
      return c
    }

    beforeAll(async () => {
      backend = await makeBackend()
      gw = await startGateway(backend, {}, { name: 'gw-main' })
      capped = await startGateway(backend, { ACS_GATEWAY_MAX_SESSIONS: '1' }, { name: 'gw-capped' })
      // A frozen clock: the bucket cannot refill between the requests, however slow the machine.
      const frozen = new Date()
      limited = await startGateway(backend, { ACS_INFORM_RATE_PER_IP: '1' }, { name: 'gw-limited', now: () => frozen })
      strict = await startGateway(backend, { ACS_CWMP_COOKIELESS_FALLBACK: 'false' }, { name: 'gw-strict' })
      adaptive = await startGateway(
        backend,
        { ACS_GATEWAY_HOOK_DEADLINE_MS: '10', ACS_GATEWAY_LATENCY_TARGET_MS: String(LATENCY_TARGET_MS) },
        { name: 'gw-adaptive', admissionWindowMs: 200, wrapStore: (store) => withSlowInformWrites(store, () => (slowInforms ? SLOW_INFORM_MS : 0)) },
      )
    })
    afterAll(async () => {
      for (const c of clients) c.close()
      for (const g of [gw, capped, limited, strict, adaptive]) await g?.close()
      await backend?.close()
    })

    it('refuses a second concurrent session of a device from another address with fault 8005', async () => {
      const d = aDevice()
      expectMethod(await client(gw.url, '127.0.0.1').post(informXml(d)), 'InformResponse')
      const second = await client(gw.url, '127.0.0.2').post(informXml(d))
      expect(second.status).toBe(500)
      expectFault(second, 8005)
    })

    it('lets the device start a new session once the first one ended', async () => {
      const d = aDevice()
      const a = client(gw.url, '127.0.0.1')
      expectMethod(await a.post(informXml(d)), 'InformResponse')
      expect((await a.post('')).status).toBe(204)
      expectMethod(await client(gw.url, '127.0.0.2').post(informXml(d)), 'InformResponse')
    })

    it('treats a re-sent Inform from the same address as the CPE restarting its session', async () => {
      const d = aDevice()
      const rpc = await gw.store.rpcQueue.enqueue({ deviceId: deviceIdOf(d), service: 'provisioning', request: queued({ method: 'GetParameterValues', parameterNames: ['Device.'] }) }, new Date())
      const first = client(gw.url, '127.0.0.3')
      const second = client(gw.url, '127.0.0.3')
      expectMethod(await first.post(informXml(d)), 'InformResponse')
      expectMethod(await second.post(informXml(d)), 'InformResponse')
      // The superseded session's cookie names no session any more: ended, it takes nothing from the queue.
      expect((await first.post('')).status).toBe(204)
      expect(await gw.store.rpcQueue.get(rpc.id)).toMatchObject({ status: 'queued' })
      expect(expectMethod(await second.post(''), 'GetParameterValues').header.id).toBe(rpc.id)
    })

    it('ends a session once, as superseded, when a second Inform arrives with its cookie, without any address rule', async () => {
      const d = aDevice()
      const closed = await captureEvents(strict.bus, sessionClosedV1, sessionClosedV1.filter(deviceToken(deviceIdOf(d))))
      try {
        const cpe = client(strict.url, '127.0.0.5')
        expectMethod(await cpe.post(informXml(d)), 'InformResponse')
        const first = cpe.cookie
        // With the cookie-less fallback off, the same address alone supersedes nothing.
        expectFault(await client(strict.url, '127.0.0.5').post(informXml(d)), 8005)
        expectMethod(await cpe.post(informXml(d)), 'InformResponse')
        expect(cpe.cookie).not.toBe(first)
        expect((await cpe.post('')).status).toBe(204)
        expect((await closed.waitFor(2)).map((e) => e.outcome)).toEqual(['superseded', 'completed'])
      } finally {
        await closed.stop()
      }
    })

    it('answers a new session beyond the cap with 503 and Retry-After, without touching the store', async () => {
      const first = client(capped.url)
      expectMethod(await first.post(informXml(aDevice())), 'InformResponse')
      const d = aDevice()
      const refused = await client(capped.url).post(informXml(d))
      expect(refused.status).toBe(503)
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
      expect(await capped.store.devices.get(deviceIdOf(d))).toBeNull()
      expect((await first.post('')).status).toBe(204)
      expectMethod(await client(capped.url).post(informXml(d)), 'InformResponse')
    })

    it('admits fewer sessions while the store is slower than the latency target, and more again once it is fast', async () => {
      // A reconnect storm on a slow store: 40 Informs, 10 ms apart, each 2.5 s (target 1 s).
      slowInforms = true
      const held: CpeClient[] = []
      const storm = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          await new Promise((resolve) => setTimeout(resolve, i * 10))
          const cpe = client(adaptive.url)
          held.push(cpe)
          return cpe.post(informXml(aDevice()))
        }),
      )
      for (const reply of storm) expectMethod(reply, 'InformResponse')
      slowInforms = false
      // However bunched the answers came, the window (200 ms) is over when the next Inform asks.
      await new Promise((resolve) => setTimeout(resolve, 250))

      // 40 sessions in progress, p90 2.5 s: the limit is now half of them, 20, far under the cap of 2,000.
      const d = aDevice()
      const refused = await client(adaptive.url).post(informXml(d))
      expect(refused.status).toBe(503)
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
      expect(await adaptive.store.devices.get(deviceIdOf(d))).toBeNull()

      // Ending 21 of them leaves 19: a new session fits under the cut limit.
      for (const cpe of held.splice(0, 21)) expect((await cpe.post('')).status).toBe(204)
      const admitted = client(adaptive.url)
      expectMethod(await admitted.post(informXml(d)), 'InformResponse')
      held.push(admitted)

      // Fast requests with the limit reached raise it: more than 20 sessions are admitted again.
      const rpcMethods = messageXml({ namespace: 'urn:dslforum-org:cwmp-1-2', header: { id: 'probe' }, body: { method: 'GetRPCMethods' } })
      for (let attempt = 0; held.length <= 25 && attempt < 500; attempt++) {
        const cpe = client(adaptive.url)
        const reply = await cpe.post(informXml(aDevice()))
        if (reply.status === 200) held.push(cpe)
        else {
          expect(reply.status).toBe(503)
          cpe.close()
          expectMethod(await held[0]!.post(rpcMethods), 'GetRPCMethodsResponse')
        }
      }
      expect(held.length).toBeGreaterThan(25)
      for (const cpe of held) expect((await cpe.post('')).status).toBe(204)
    })

    it('answers a flood of Informs from one address with 503 once its bucket is empty', async () => {
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) statuses.push((await client(limited.url, '127.0.0.4').post(informXml(aDevice()))).status)
      expect(statuses).toEqual([200, 200, 503, 503])
    })

    it('reads a chunked Inform sent after Expect: 100-continue', async () => {
      const body = informXml(aDevice())
      const reply = await new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
        const req = request(gw.url, { method: 'POST', headers: { 'transfer-encoding': 'chunked', expect: '100-continue', 'content-type': 'text/xml' } }, (res) => {
          let text = ''
          res.on('data', (c: Buffer) => (text += c.toString()))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }))
        })
        req.on('error', reject)
        req.on('continue', () => {
          req.write(body.slice(0, 100))
          req.end(body.slice(100))
        })
      })
      expect(reply.status).toBe(200)
      expect(soapOf(reply).body.method).toBe('InformResponse')
    })
  })
}
