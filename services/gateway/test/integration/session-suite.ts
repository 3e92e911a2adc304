import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cpeRequestV1, deviceRegisteredV1, deviceToken, informV1, rpcResultV1, sessionClosedV1 } from '@acs/contracts'
import { captureEvents, expectValid } from '@acs/contracts/testing'
import type { Backend, RunningGateway } from '../support/backend.js'
import { startGateway } from '../support/backend.js'
import { CpeClient } from '../support/cpe-client.js'
import { expectFault, expectMethod } from '../support/cwmp-assert.js'
import { aDevice, deviceIdOf, informXml, messageXml, type TestDevice } from '../support/informs.js'
import { queued } from '../support/queued.js'
import { until } from '../support/until.js'

const NS12 = 'urn:dslforum-org:cwmp-1-2' as const
const NS10 = 'urn:dslforum-org:cwmp-1-0' as const

/** The whole session flow, run against one backend (embedded or NATS + MongoDB). */
export function sessionSuite(makeBackend: () => Promise<Backend>): void {
  describe('CWMP session over HTTP', () => {
    let backend: Backend
    let gw: RunningGateway
    const clients: CpeClient[] = []
    const client = (url = gw.url) => {
      const c = new CpeClient(url)
      clients.push(c)
      return c
    }

    beforeAll(async () => {
      backend = await makeBackend()
      gw = await startGateway(backend)
    })
    afterAll(async () => {
      for (const c of clients) c.close()
      await gw?.close()
      await backend?.close()
    })

    const enqueueGpvSpv = async (d: TestDevice, root: string, group?: string) => {
      const deviceId = deviceIdOf(d)
      const now = new Date()
      const gpv = await gw.store.rpcQueue.enqueue({ deviceId, service: 'provisioning', request: queued({ method: 'GetParameterValues', parameterNames: [`${root}.DeviceInfo.`] }) }, now)
      const spv = await gw.store.rpcQueue.enqueue(
        {
          deviceId,
          service: 'provisioning',
          correlationId: 'task-7',
          ...(group ? { group } : {}),
          request: queued({ method: 'SetParameterValues', parameterList: [{ name: `${root}.ManagementServer.PeriodicInformInterval`, value: '3600', type: 'xsd:unsignedInt' }], parameterKey: 'k1' }),
        },
        now,
      )
      return { gpv, spv }
    }

    it('delivers queued RPCs to a TR-181 device one by one with their ids, publishes each result and ends with 204', async () => {
      const d = aDevice({ model: 'tr181' })
      const deviceId = deviceIdOf(d)
      const token = deviceToken(deviceId)
      const results = await captureEvents(gw.bus, rpcResultV1, rpcResultV1.filter(undefined, token))
      const informs = await captureEvents(gw.bus, informV1, informV1.filter(token))
      const closed = await captureEvents(gw.bus, sessionClosedV1, sessionClosedV1.filter(token))
      const registered = await captureEvents(gw.bus, deviceRegisteredV1, deviceRegisteredV1.filter(token))
      const { gpv, spv } = await enqueueGpvSpv(d, 'Device')
      const cpe = client()

      const ir = expectMethod(await cpe.post(informXml(d, { id: 'i-1', supported: ['1.0', '1.4'] })), 'InformResponse')
      expect(ir.body.maxEnvelopes).toBe(1)
      expect(ir.header).toMatchObject({ id: 'i-1', useCwmpVersion: '1.4' })
      expect(ir.namespace).toBe(NS12)
      expect(cpe.cookie).toMatch(/^acs_session=/)

      const first = expectMethod(await cpe.post(''), 'GetParameterValues')
      expect(first.header.id).toBe(gpv.id)
      const gpvResponse = messageXml({
        namespace: NS12,
        header: { id: gpv.id },
        body: { method: 'GetParameterValuesResponse', parameterList: [{ name: 'Device.DeviceInfo.SoftwareVersion', value: '4.2.1', type: 'xsd:string' }] },
      })
      const second = expectMethod(await cpe.post(gpvResponse), 'SetParameterValues')
      expect(second.header.id).toBe(spv.id)
      const end = await cpe.post(messageXml({ namespace: NS12, header: { id: spv.id }, body: { method: 'SetParameterValuesResponse', status: 0 } }))
      expect(end.status).toBe(204)

      const [r1, r2] = await results.waitFor(2)
      for (const r of [r1!, r2!]) expectValid(rpcResultV1, r)
      expect([r1!.rpcId, r1!.outcome, r2!.rpcId, r2!.outcome]).toEqual([gpv.id, 'done', spv.id, 'done'])
      expect(r2!.correlationId).toBe('task-7')
      expect(r1!.response).toMatchObject({ method: 'GetParameterValuesResponse' })
      const [c] = await closed.waitFor(1)
      expect(c).toMatchObject({ outcome: 'completed', rpcsSent: 2 })
      const [inform] = await informs.waitFor(1)
      expectValid(informV1, inform)
      expect(inform).toMatchObject({ deviceId, dataModelRoot: 'Device', cwmpVersion: '1.4' })
      expect((await registered.waitFor(1))[0]!.reason).toBe('first-contact')
      expect((await gw.store.rpcQueue.listByDevice(deviceId)).map((r) => r.status)).toEqual(['done', 'done'])
      expect(await gw.store.devices.get(deviceId)).toMatchObject({ dataModelRoot: 'Device', connectionRequestUrl: 'http://192.0.2.10:7547/cr', softwareVersion: '4.2.1' })
      for (const cap of [results, informs, closed, registered]) await cap.stop()
    })

    it('marks a delivered result published, and publishes again one whose gateway died before publishing it', async () => {
      const d = aDevice({ model: 'tr181' })
      const deviceId = deviceIdOf(d)
      const results = await captureEvents(gw.bus, rpcResultV1, rpcResultV1.filter(undefined, deviceToken(deviceId)))
      const { rpcQueue } = gw.store
      const far = new Date(Date.now() + 3600_000)
      const pendingOf = async () => (await rpcQueue.pendingResults(far, 1_000)).filter((r) => r.deviceId === deviceId).map((r) => r.id)

      // Delivered in a session: published, then its mark cleared within a flush.
      const sent = await rpcQueue.enqueue({ deviceId, service: 'provisioning', request: queued({ method: 'GetRPCMethods' }) }, new Date())
      const cpe = client()
      expectMethod(await cpe.post(informXml(d)), 'InformResponse')
      expect(expectMethod(await cpe.post(''), 'GetRPCMethods').header.id).toBe(sent.id)
      const answer = messageXml({ namespace: NS12, header: { id: sent.id }, body: { method: 'GetRPCMethodsResponse', methodList: ['Inform'] } })
      expect((await cpe.post(answer)).status).toBe(204)
      expect((await results.waitFor(1))[0]).toMatchObject({ rpcId: sent.id, outcome: 'done' })
      await until(async () => (await pendingOf()).length === 0)

      // Completed in the store by a session whose gateway then died: nothing was published.
      const lost = await rpcQueue.enqueue({ deviceId, service: 'provisioning', correlationId: 'task-9', request: queued({ method: 'GetRPCMethods' }) }, new Date())
      const twoMinutesAgo = new Date(Date.now() - 120_000)
      expect((await rpcQueue.claimNext(deviceId, 'dead-session', twoMinutesAgo))?.id).toBe(lost.id)
      await rpcQueue.complete(lost.id, 'dead-session', { status: 'done', response: { method: 'GetRPCMethodsResponse' } }, twoMinutesAgo)
      expect(await pendingOf()).toEqual([lost.id])
      expect(await gw.gateway.republishPendingResults()).toBeGreaterThanOrEqual(1)
      const [, again] = await results.waitFor(2)
      expectValid(rpcResultV1, again)
      expect(again).toMatchObject({ rpcId: lost.id, outcome: 'done', correlationId: 'task-9', sessionId: 'dead-session', response: { method: 'GetRPCMethodsResponse' } })
      await until(async () => (await pendingOf()).length === 0)
      await results.stop()
    })

    it('runs a TR-098 session in the 1-0 namespace and fails the rest of a group after a CPE fault', async () => {
      const d = aDevice({ model: 'tr098' })
      const deviceId = deviceIdOf(d)
      const results = await captureEvents(gw.bus, rpcResultV1, rpcResultV1.filter(undefined, deviceToken(deviceId)))
      const { gpv, spv } = await enqueueGpvSpv(d, 'InternetGatewayDevice', 'g1')
      const third = await gw.store.rpcQueue.enqueue({ deviceId, service: 'provisioning', group: 'g1', request: queued({ method: 'Reboot', commandKey: 'r1' }) }, new Date())
      const cpe = client()

      const ir = expectMethod(await cpe.post(informXml(d, { events: ['0 BOOTSTRAP', '1 BOOT'] })), 'InformResponse')
      expect(ir.namespace).toBe(NS10)
      expect(ir.header.useCwmpVersion).toBeUndefined()
      expect(expectMethod(await cpe.post(''), 'GetParameterValues').namespace).toBe(NS10)
      const gpvResponse = messageXml({ namespace: NS10, header: { id: gpv.id }, body: { method: 'GetParameterValuesResponse', parameterList: [] } })
      expect(expectMethod(await cpe.post(gpvResponse), 'SetParameterValues').header.id).toBe(spv.id)
      const spvFault = messageXml({
        namespace: NS10,
        header: { id: spv.id },
        body: {
          method: 'Fault',
          faultCode: 'Client',
          faultString: 'CWMP fault',
          detail: { faultCode: 9003, faultString: 'Invalid arguments', setParameterValuesFault: [{ parameterName: 'InternetGatewayDevice.ManagementServer.PeriodicInformInterval', faultCode: 9007, faultString: 'bad' }] },
        },
      })
      expect((await cpe.post(spvFault)).status).toBe(204)

      const got = await results.waitFor(3)
      const byId = new Map(got.map((r) => [r.rpcId, r]))
      expect(byId.get(gpv.id)?.outcome).toBe('done')
      expect(byId.get(spv.id)).toMatchObject({ outcome: 'faulted', fault: { faultCode: 9003, setParameterValuesFault: [{ faultCode: 9007 }] } })
      expect(byId.get(third.id)).toMatchObject({ outcome: 'faulted', fault: { faultCode: 9003 } })
      expect((await gw.store.rpcQueue.get(third.id))?.status).toBe('faulted')
      expect((await gw.store.devices.get(deviceId))?.dataModelRoot).toBe('InternetGatewayDevice')
      await results.stop()
    })

    it('publishes a TransferComplete before answering it, then ends the session', async () => {
      const d = aDevice()
      const requests = await captureEvents(gw.bus, cpeRequestV1, cpeRequestV1.filter('TransferComplete', deviceToken(deviceIdOf(d))))
      const cpe = client()
      expectMethod(await cpe.post(informXml(d, { events: ['7 TRANSFER COMPLETE', 'M Download'] })), 'InformResponse')
      const tc = messageXml({
        namespace: NS12,
        header: { id: 't-1' },
        body: { method: 'TransferComplete', commandKey: 'fw-7', faultStruct: { faultCode: 0, faultString: '' }, startTime: '2025-03-01T10:00:00Z', completeTime: '2025-03-01T10:02:00Z' },
      })
      const answer = expectMethod(await cpe.post(tc), 'TransferCompleteResponse')
      expect(answer.header.id).toBe('t-1')
      const [event] = await requests.waitFor(1)
      expectValid(cpeRequestV1, event)
      expect(event!.request).toMatchObject({ method: 'TransferComplete', commandKey: 'fw-7' })
      expect((await cpe.post('')).status).toBe(204)
      await requests.stop()
    })

    it('expires an RPC past its expiresAt instead of sending it, and tells its owner', async () => {
      const d = aDevice()
      const deviceId = deviceIdOf(d)
      const results = await captureEvents(gw.bus, rpcResultV1, rpcResultV1.filter(undefined, deviceToken(deviceId)))
      const stale = await gw.store.rpcQueue.enqueue(
        { deviceId, service: 'provisioning', correlationId: 'late', expiresAt: new Date(Date.now() - 60_000), request: queued({ method: 'GetRPCMethods' }) },
        new Date(),
      )
      const cpe = client()
      expectMethod(await cpe.post(informXml(d)), 'InformResponse')
      expect((await cpe.post('')).status).toBe(204)
      const [result] = await results.waitFor(1)
      expectValid(rpcResultV1, result)
      expect(result).toMatchObject({ rpcId: stale.id, outcome: 'expired', correlationId: 'late' })
      expect((await gw.store.rpcQueue.get(stale.id))?.status).toBe('expired')
      await results.stop()
    })

    it('answers a CPE GetRPCMethods with the ACS method list', async () => {
      const cpe = client()
      expectMethod(await cpe.post(informXml(aDevice())), 'InformResponse')
      const list = expectMethod(await cpe.post(messageXml({ namespace: NS12, header: { id: 'g' }, body: { method: 'GetRPCMethods' } })), 'GetRPCMethodsResponse')
      expect(list.body.methodList).toEqual(expect.arrayContaining(['Inform', 'TransferComplete', 'Kicked']))
      expect((await cpe.post('')).status).toBe(204)
    })

    it('answers a method this ACS does not know with fault 8000 and keeps the session', async () => {
      const cpe = client()
      expectMethod(await cpe.post(informXml(aDevice())), 'InformResponse')
      const unknown = informXml(aDevice()).replace(/<cwmp:Inform>[\s\S]*<\/cwmp:Inform>/, '<cwmp:X_Vendor_Frobnicate><A>1</A></cwmp:X_Vendor_Frobnicate>')
      const reply = await cpe.post(unknown)
      expect(reply.status).toBe(500)
      expectFault(reply, 8000)
      expect((await cpe.post('')).status).toBe(204)
    })

    it('sends no RPC in a heartbeat session even with work queued', async () => {
      const d = aDevice()
      const rpc = await gw.store.rpcQueue.enqueue({ deviceId: deviceIdOf(d), service: 'provisioning', request: { method: 'GetRPCMethods' } }, new Date())
      const cpe = client()
      expectMethod(await cpe.post(informXml(d, { events: ['14 HEARTBEAT'] })), 'InformResponse')
      expect((await cpe.post('')).status).toBe(204)
      expect((await gw.store.rpcQueue.get(rpc.id))?.status).toBe('queued')
    })

    it('faults a CPE request that does not start with an Inform with 8003', async () => {
      const tc = messageXml({ namespace: NS12, header: { id: 'x' }, body: { method: 'GetRPCMethods' } })
      expectFault(await client().post(tc), 8003)
    })

    it('carries a session for a CPE that drops its cookie by its source address', async () => {
      const d = aDevice()
      const rpc = await gw.store.rpcQueue.enqueue({ deviceId: deviceIdOf(d), service: 'provisioning', request: { method: 'GetRPCMethods' } }, new Date())
      const cpe = new CpeClient(gw.url, { keepCookies: false, localAddress: '127.0.0.9' })
      clients.push(cpe)
      expectMethod(await cpe.post(informXml(d)), 'InformResponse')
      expect(expectMethod(await cpe.post(''), 'GetRPCMethods').header.id).toBe(rpc.id)
      const resp = messageXml({ namespace: NS12, header: { id: rpc.id }, body: { method: 'GetRPCMethodsResponse', methodList: ['GetParameterValues'] } })
      expect((await cpe.post(resp)).status).toBe(204)
      expect((await gw.store.rpcQueue.get(rpc.id))?.status).toBe('done')
    })

    it('never mixes the sessions of two cookie-dropping CPEs behind one address', async () => {
      const [a, b] = [aDevice(), aDevice()]
      const rpcA = await gw.store.rpcQueue.enqueue({ deviceId: deviceIdOf(a), service: 'provisioning', request: queued({ method: 'GetRPCMethods' }) }, new Date())
      const cpeA = new CpeClient(gw.url, { keepCookies: false, localAddress: '127.0.0.10' })
      const cpeB = new CpeClient(gw.url, { keepCookies: false, localAddress: '127.0.0.10' })
      clients.push(cpeA, cpeB)
      expectMethod(await cpeA.post(informXml(a)), 'InformResponse')
      expectMethod(await cpeB.post(informXml(b)), 'InformResponse')
      expect(expectMethod(await cpeA.post(''), 'GetRPCMethods').header.id).toBe(rpcA.id)
      expect((await cpeB.post('')).status).toBe(204)
    })

    it('accepts a gzip-compressed Inform on any URL path', async () => {
      const { gzipSync } = await import('node:zlib')
      const cpe = client(gw.url.replace('/acs', '/some/other/path'))
      const reply = await cpe.post(gzipSync(informXml(aDevice())), { 'content-encoding': 'gzip' })
      expectMethod(reply, 'InformResponse')
    })

    it('takes an Inform whatever its Content-Type says, malformed, foreign or empty (§15)', async () => {
      for (const contentType of ['text/xml;;charset', 'application/x-www-form-urlencoded', 'not a media type', '']) {
        const cpe = client()
        const reply = await cpe.post(informXml(aDevice()), { 'content-type': contentType })
        expectMethod(reply, 'InformResponse')
        expect((await cpe.post('')).status, `Content-Type ${JSON.stringify(contentType)}`).toBe(204)
      }
    })
  })
}
