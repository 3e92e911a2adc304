import { trace } from '@opentelemetry/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { embeddedBackend, startGateway, type Backend, type RunningGateway } from '../support/backend.js'
import { CpeClient } from '../support/cpe-client.js'
import { expectMethod } from '../support/cwmp-assert.js'
import { aDevice, deviceIdOf, informXml, messageXml } from '../support/informs.js'
import { queued } from '../support/queued.js'
import { RecordingTracerProvider } from '../support/recording-tracer.js'

// Its own file (own process): it installs a global tracer provider.
const provider = new RecordingTracerProvider()
trace.setGlobalTracerProvider(provider)

describe('session tracing', () => {
  let backend: Backend
  let gw: RunningGateway
  let cpe: CpeClient

  beforeAll(async () => {
    backend = await embeddedBackend()
    gw = await startGateway(backend)
    cpe = new CpeClient(gw.url)
  })
  afterAll(async () => {
    cpe?.close()
    await gw?.close()
    await backend?.close()
  })

  it('puts every request of a session and its RPCs into one trace under the Inform request', async () => {
    const d = aDevice()
    const rpc = await gw.store.rpcQueue.enqueue({ deviceId: deviceIdOf(d), service: 'provisioning', request: queued({ method: 'GetRPCMethods' }) }, new Date())
    expectMethod(await cpe.post(informXml(d)), 'InformResponse')
    expectMethod(await cpe.post(''), 'GetRPCMethods')
    const resp = messageXml({ namespace: 'urn:dslforum-org:cwmp-1-2', header: { id: rpc.id }, body: { method: 'GetRPCMethodsResponse', methodList: [] } })
    expect((await cpe.post(resp)).status).toBe(204)

    const requests = provider.spans.filter((s) => s.name === 'cwmp.request')
    const [inform, ...later] = requests
    expect(requests).toHaveLength(3)
    for (const s of later) {
      expect(s.context.traceId).toBe(inform!.context.traceId)
      expect(s.parentSpanId).toBe(inform!.context.spanId)
    }
    const rpcSpan = provider.spans.find((s) => s.name === 'cwmp.rpc')
    expect(rpcSpan).toMatchObject({ context: { traceId: inform!.context.traceId }, attributes: { 'cwmp.method': 'GetRPCMethods', 'acs.rpc.outcome': 'done' } })
    expect(later.map((s) => s.attributes['acs.session.id'])).toEqual([inform!.attributes['acs.session.id'], inform!.attributes['acs.session.id']])
  })
})
