import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Bus, Stopper } from '@acs/bus'
import { awaitedResultV1, informHookV1, rpcResultV1, deviceToken, type InformHookV1 } from '@acs/contracts'
import { captureEvents, expectValid } from '@acs/contracts/testing'
import type { Store } from '@acs/store'
import type { Backend, RunningGateway } from '../support/backend.js'
import { startGateway } from '../support/backend.js'
import { CpeClient } from '../support/cpe-client.js'
import { expectMethod } from '../support/cwmp-assert.js'
import { aDevice, deviceIdOf, informXml, messageXml } from '../support/informs.js'
import { queued } from '../support/queued.js'
import { until } from '../support/until.js'

const NS12 = 'urn:dslforum-org:cwmp-1-2' as const

/** In-session services: the Inform hook (scatter-gather with a deadline) and awaited RPC results. */
export function hooksSuite(makeBackend: () => Promise<Backend>): void {
  describe('in-session services', () => {
    let backend: Backend
    let serviceBus: Bus
    let store: Store
    let gw: RunningGateway
    const stoppers: Stopper[] = []
    const clients: CpeClient[] = []
    const hookPayloads: InformHookV1[] = []
    // Every Inform while the dead service serves leaves one reply pending until the end.
    const deadReplies: (() => void)[] = []
    const releaseDead = () => deadReplies.splice(0).forEach((reply) => reply())

    const client = (url: string) => {
      const c = new CpeClient(url)
      clients.push(c)
      return c
    }

    beforeAll(async () => {
      backend = await makeBackend()
      serviceBus = await backend.openBus('fake-services')
      store = await backend.openStore()
      // A provisioning-like service: on every Inform it queues one GetParameterValues, then replies.
      stoppers.push(
        await serviceBus.serve(informHookV1, { queue: 'fake-provisioning' }, async (payload) => {
          hookPayloads.push(payload)
          await store.rpcQueue.enqueue({ deviceId: payload.deviceId, service: 'fake-provisioning', request: queued({ method: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.'] }) }, new Date())
          return { service: 'fake-provisioning', queued: 1 }
        }),
      )
      // The owner of awaited RPCs: after a GetParameterNames it queues a follow-up in the same session.
      stoppers.push(
        await serviceBus.serve(awaitedResultV1, { queue: 'fake-owner' }, async (result) => {
          await store.rpcQueue.enqueue({ deviceId: result.deviceId, service: 'fake-owner', request: queued({ method: 'GetParameterValues', parameterNames: ['Device.WiFi.'] }) }, new Date())
          return { service: 'fake-owner', queued: 1 }
        }),
      )
      await until(async () => (await serviceBus.servingGroups(informHookV1)) === 1)
      gw = await startGateway(backend, {}, { name: 'gw-hooks' })
    })
    afterAll(async () => {
      releaseDead()
      for (const c of clients) c.close()
      await gw?.close()
      for (const stop of stoppers) await stop()
      await backend?.close()
    })

    it('delivers in the same session the RPC an in-session service queued on the Inform', async () => {
      const d = aDevice()
      const cpe = client(gw.url)
      expectMethod(await cpe.post(informXml(d)), 'InformResponse')
      const rpc = expectMethod(await cpe.post(''), 'GetParameterValues')
      expect(rpc.body.parameterNames).toEqual(['Device.DeviceInfo.'])
      const hook = hookPayloads.find((p) => p.deviceId === deviceIdOf(d))
      expect(hook).toBeDefined()
      expectValid(informHookV1, hook)
      const resp = messageXml({ namespace: NS12, header: { id: rpc.header.id! }, body: { method: 'GetParameterValuesResponse', parameterList: [] } })
      expect((await cpe.post(resp)).status).toBe(204)
    })

    it('asks the owner of an awaited RPC before the next claim and delivers its follow-up in the same session', async () => {
      const d = aDevice()
      const deviceId = deviceIdOf(d)
      const results = await captureEvents(gw.bus, rpcResultV1, rpcResultV1.filter('fake-owner', deviceToken(deviceId)))
      const awaited = await store.rpcQueue.enqueue({ deviceId, service: 'fake-owner', awaited: true, request: queued({ method: 'GetParameterNames', parameterPath: 'Device.', nextLevel: true }) }, new Date())
      const cpe = client(gw.url)
      expectMethod(await cpe.post(informXml(d)), 'InformResponse')
      const first = expectMethod(await cpe.post(''), 'GetParameterNames')
      expect(first.header.id).toBe(awaited.id)
      const gpnResponse = messageXml({ namespace: NS12, header: { id: awaited.id }, body: { method: 'GetParameterNamesResponse', parameterList: [{ name: 'Device.WiFi.', writable: false }] } })
      // The hook's RPC was queued before the awaited RPC's follow-up existed: it comes next, then the follow-up.
      const next = expectMethod(await cpe.post(gpnResponse), 'GetParameterValues')
      const seen: string[][] = [next.body.parameterNames]
      const second = expectMethod(await cpe.post(messageXml({ namespace: NS12, header: { id: next.header.id! }, body: { method: 'GetParameterValuesResponse', parameterList: [] } })), 'GetParameterValues')
      seen.push(second.body.parameterNames)
      expect(seen).toEqual([['Device.DeviceInfo.'], ['Device.WiFi.']])
      expect((await cpe.post(messageXml({ namespace: NS12, header: { id: second.header.id! }, body: { method: 'GetParameterValuesResponse', parameterList: [] } }))).status).toBe(204)
      expect((await results.waitFor(1))[0]).toMatchObject({ rpcId: awaited.id, outcome: 'done' })
      await results.stop()
    })

    it('still answers the Inform when another in-session service never replies, after at most the deadline', async () => {
      stoppers.push(
        await serviceBus.serve(informHookV1, { queue: 'fake-dead' }, () => new Promise((resolve) => deadReplies.push(() => resolve({ service: 'fake-dead', queued: 0 })))),
      )
      await until(async () => (await serviceBus.servingGroups(informHookV1)) === 2)
      const slow = await startGateway(backend, {}, { name: 'gw-hooks-2' })
      try {
        const d = aDevice()
        const cpe = client(slow.url)
        expectMethod(await cpe.post(informXml(d)), 'InformResponse')
        expect(expectMethod(await cpe.post(''), 'GetParameterValues').body.parameterNames).toEqual(['Device.DeviceInfo.'])
      } finally {
        await slow.close()
      }
    })

    it('wakes the device with a connection request when a late service queued RPCs after its session ended', async () => {
      // A service that queues its RPC only after the gateway's deadline (200 ms) and the session are over.
      let releaseLate: () => void = () => {}
      const queuedLate = new Promise<void>((resolve) => (releaseLate = resolve))
      const groups = (await serviceBus.servingGroups(informHookV1)) + 1
      stoppers.push(
        await serviceBus.serve(informHookV1, { queue: 'fake-late' }, async (payload) => {
          await queuedLate
          await store.rpcQueue.enqueue({ deviceId: payload.deviceId, service: 'fake-late', request: queued({ method: 'GetParameterValues', parameterNames: ['Device.Time.'] }) }, new Date())
          return { service: 'fake-late', queued: 1 }
        }),
      )
      const wakes: string[] = []
      const listener = createServer((req, res) => {
        wakes.push(req.url ?? '')
        res.writeHead(200).end()
      })
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve))
      const late = await startGateway(backend, { ACS_GATEWAY_HOOK_DEADLINE_MS: '200', ACS_GATEWAY_LATE_HOOK_RECHECK_MS: '4000', ACS_CR_MIN_INTERVAL_MS: '0' }, { name: 'gw-late-hooks' })
      try {
        await until(async () => (await serviceBus.servingGroups(informHookV1)) === groups)
        const d = aDevice({ connectionRequestUrl: `http://127.0.0.1:${(listener.address() as AddressInfo).port}/cr/late` })
        const cpe = client(late.url)
        expectMethod(await cpe.post(informXml(d)), 'InformResponse')
        const gpv = expectMethod(await cpe.post(''), 'GetParameterValues')
        const answer = messageXml({ namespace: NS12, header: { id: gpv.header.id }, body: { method: 'GetParameterValuesResponse', parameterList: [] } })
        expect((await cpe.post(answer)).status).toBe(204)
        releaseLate()
        await until(() => wakes.length > 0, { timeoutMs: 10_000 })
        expect(wakes).toEqual(['/cr/late'])
        const pending = await store.rpcQueue.hasPending(deviceIdOf(d), new Date(0))
        expect(pending).toBe(true)
      } finally {
        releaseLate()
        await late.close()
        await new Promise((resolve) => listener.close(resolve))
      }
    })
  })
}
