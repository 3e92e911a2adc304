import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deviceToken, rpcResultV1, sessionClosedV1 } from '@acs/contracts'
import { captureEvents } from '@acs/contracts/testing'
import type { Backend, RunningGateway } from '../support/backend.js'
import { startGateway } from '../support/backend.js'
import { CpeClient } from '../support/cpe-client.js'
import { expectFault, expectMethod } from '../support/cwmp-assert.js'
import { aDevice, deviceIdOf, informXml, messageXml } from '../support/informs.js'
import { queued } from '../support/queued.js'
import { until } from '../support/until.js'

const NS12 = 'urn:dslforum-org:cwmp-1-2' as const
const gpvResponse = (id: string) => messageXml({ namespace: NS12, header: { id }, body: { method: 'GetParameterValuesResponse', parameterList: [] } })

/** Several gateway replicas on one bus and one database: no session state lives in a replica. */
export function replicasSuite(makeBackend: () => Promise<Backend>): void {
  describe('gateway replicas', () => {
    let backend: Backend
    let a: RunningGateway
    let b: RunningGateway
    const clients: CpeClient[] = []
    const client = (url: string, localAddress?: string) => {
      const c = new CpeClient(url, localAddress ? { localAddress } : {})
      clients.push(c)
      return c
    }
    const enqueue = (deviceId: string, names: string[][]) =>
      Promise.all(names.map((n) => a.store.rpcQueue.enqueue({ deviceId, service: 'provisioning', request: queued({ method: 'GetParameterValues', parameterNames: n }) }, new Date())))

    beforeAll(async () => {
      backend = await makeBackend()
      a = await startGateway(backend, {}, { name: 'gw-a' })
      b = await startGateway(backend, {}, { name: 'gw-b' })
    })
    afterAll(async () => {
      for (const c of clients) c.close()
      await a?.close()
      await b?.close()
      await backend?.close()
    })

    it('completes a session whose requests alternate between two replicas, each RPC delivered exactly once', async () => {
      const d = aDevice()
      const deviceId = deviceIdOf(d)
      const results = await captureEvents(a.bus, rpcResultV1, rpcResultV1.filter(undefined, deviceToken(deviceId)))
      const [r1, r2, r3] = [...(await enqueue(deviceId, [['Device.A.'], ['Device.B.'], ['Device.C.']]))].sort((x, y) => (x.id < y.id ? -1 : 1))
      const cpe = client(a.url)
      const urls = [a.url, b.url]
      let turn = 0
      const post = (body: string) => cpe.post(body, {}, urls[turn++ % 2])

      expectMethod(await post(informXml(d)), 'InformResponse')
      const delivered: string[] = []
      let reply = await post('')
      while (reply.status === 200) {
        const rpc = expectMethod(reply, 'GetParameterValues')
        delivered.push(rpc.header.id!)
        reply = await post(gpvResponse(rpc.header.id!))
      }
      expect(reply.status).toBe(204)
      expect(delivered).toEqual([r1!.id, r2!.id, r3!.id])
      const stored = await a.store.rpcQueue.listByDevice(deviceId)
      expect(stored.map((r) => [r.status, r.attempts])).toEqual([['done', 1], ['done', 1], ['done', 1]])
      expect((await results.waitFor(3)).map((r) => r.rpcId).sort()).toEqual(delivered.slice().sort())
      await results.stop()
    })

    it('redelivers the RPC in flight when the replica holding the session dies and the CPE starts over on another', async () => {
      const c = await startGateway(backend, {}, { name: 'gw-c' })
      const d = aDevice()
      const deviceId = deviceIdOf(d)
      const [rpc] = await enqueue(deviceId, [['Device.X.']])
      const cpe = client(c.url, '127.0.0.5')
      expectMethod(await cpe.post(informXml(d)), 'InformResponse')
      expect(expectMethod(await cpe.post(''), 'GetParameterValues').header.id).toBe(rpc!.id)
      await c.close()

      cpe.reset()
      expectMethod(await cpe.post(informXml(d), {}, b.url), 'InformResponse')
      const again = expectMethod(await cpe.post('', {}, b.url), 'GetParameterValues')
      expect(again.header.id).toBe(rpc!.id)
      expect((await cpe.post(gpvResponse(rpc!.id), {}, b.url)).status).toBe(204)
      expect(await a.store.rpcQueue.get(rpc!.id)).toMatchObject({ status: 'done', attempts: 2 })
    })

    it('lets a device start over once its dead session timed out, even from another address', async () => {
      // Replicas share their configuration (the KV buckets' TTLs): these two get a world of their own.
      const own = await makeBackend()
      const short = { ACS_SESSION_TIMEOUT_MS: '1000', ACS_GATEWAY_HOOK_DEADLINE_MS: '100' }
      const c = await startGateway(own, short, { name: 'gw-short-1' })
      const e = await startGateway(own, short, { name: 'gw-short-2' })
      const enqueue = (deviceId: string, names: string[][]) =>
        Promise.all(names.map((n) => e.store.rpcQueue.enqueue({ deviceId, service: 'provisioning', request: queued({ method: 'GetParameterValues', parameterNames: n }) }, new Date())))
      try {
        const d = aDevice()
        const deviceId = deviceIdOf(d)
        const closed = await captureEvents(e.bus, sessionClosedV1, sessionClosedV1.filter(deviceToken(deviceId)))
        const [rpc] = await enqueue(deviceId, [['Device.Y.']])
        const first = client(c.url, '127.0.0.6')
        expectMethod(await first.post(informXml(d)), 'InformResponse')
        expectMethod(await first.post(''), 'GetParameterValues')
        await c.close()

        const other = client(e.url, '127.0.0.7')
        expectFault(await other.post(informXml(d)), 8005)
        // The dead session is dead after 1 s of silence (its entry stays 4 s, to be announced); then the device is free.
        await until(async () => {
          other.reset()
          return (await other.post(informXml(d))).status === 200
        }, { timeoutMs: 20_000, intervalMs: 500 })
        expect(expectMethod(await other.post(''), 'GetParameterValues').header.id).toBe(rpc!.id)
        expect((await other.post(gpvResponse(rpc!.id))).status).toBe(204)
        const outcomes = (await closed.waitFor(2)).map((x) => x.outcome)
        expect(outcomes).toEqual(['timed-out', 'completed'])
        await closed.stop()
      } finally {
        await c.close()
        await e.close()
        await own.close()
      }
    })
  })
}
