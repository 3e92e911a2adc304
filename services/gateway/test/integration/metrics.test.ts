import { metrics } from '@opentelemetry/api'
import { MeterProvider } from '@opentelemetry/sdk-metrics'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CollectingReader } from '../support/collecting-reader.js'
import { beforeInformWrites, embeddedBackend, startGateway, type Backend, type RunningGateway } from '../support/backend.js'
import { CpeClient } from '../support/cpe-client.js'
import { expectMethod } from '../support/cwmp-assert.js'
import { aDevice, deviceIdOf, informXml, messageXml } from '../support/informs.js'
import { queued } from '../support/queued.js'
import { until } from '../support/until.js'

interface HistogramPoint {
  attributes: Record<string, unknown>
  value: { count: number }
}

// The gateway's meters are read from the global provider when it is created: set it first.
describe('gateway metrics over a real session (embedded)', () => {
  const reader = new CollectingReader()
  const provider = new MeterProvider({ readers: [reader] })
  let backend: Backend
  let gw: RunningGateway
  /** Every Inform's registry write waits for this first (open unless a test holds it). */
  let gate: Promise<void> = Promise.resolve()

  beforeAll(async () => {
    metrics.setGlobalMeterProvider(provider)
    backend = await embeddedBackend()
    gw = await startGateway(backend, {}, { wrapStore: (store) => beforeInformWrites(store, () => gate) })
  })
  afterAll(async () => {
    await gw?.close()
    await backend?.close()
    metrics.disable()
    await provider.shutdown()
  })

  const gauge = async (name: string): Promise<number | undefined> => {
    const { resourceMetrics } = await reader.collect()
    const metric = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name)
    return metric?.dataPoints[0]?.value as number | undefined
  }

  const histogram = async (name: string): Promise<HistogramPoint[]> => {
    const { resourceMetrics } = await reader.collect()
    const metric = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name)
    return (metric?.dataPoints ?? []) as unknown as HistogramPoint[]
  }

  it('records the duration of each RPC by method and outcome, and of the session', async () => {
    const d = aDevice({ model: 'tr181' })
    const deviceId = deviceIdOf(d)
    const gpv = await gw.store.rpcQueue.enqueue({ deviceId, service: 'provisioning', request: queued({ method: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.'] }) }, new Date())
    const cpe = new CpeClient(gw.url)
    try {
      const ir = expectMethod(await cpe.post(informXml(d)), 'InformResponse')
      const sent = expectMethod(await cpe.post(''), 'GetParameterValues')
      expect(sent.header.id).toBe(gpv.id)
      const answer = messageXml({
        namespace: ir.namespace,
        header: { id: gpv.id },
        body: { method: 'GetParameterValuesResponse', parameterList: [{ name: 'Device.DeviceInfo.SoftwareVersion', value: '4.2.1', type: 'xsd:string' }] },
      })
      expect((await cpe.post(answer)).status).toBe(204)
    } finally {
      cpe.close()
    }
    const rpcs = await histogram('acs.cwmp.rpc.duration')
    expect(rpcs.map((p) => ({ attributes: p.attributes, count: p.value.count }))).toEqual([{ attributes: { 'cwmp.method': 'GetParameterValues', outcome: 'done' }, count: 1 }])
    const sessions = await histogram('acs.cwmp.session.duration')
    expect(sessions.map((p) => ({ attributes: p.attributes, count: p.value.count }))).toEqual([{ attributes: { outcome: 'completed' }, count: 1 }])
  })

  it('observes the requests in progress: one while an Inform waits for the store, none once answered', async () => {
    let release = () => {}
    gate = new Promise((resolve) => (release = resolve))
    const cpe = new CpeClient(gw.url)
    try {
      const inform = cpe.post(informXml(aDevice({ model: 'tr098' })))
      await until(async () => (await gauge('acs.cwmp.requests.in_progress')) === 1)
      // Held: it stays at one until the store answers.
      expect(await gauge('acs.cwmp.requests.in_progress')).toBe(1)
      release()
      expectMethod(await inform, 'InformResponse')
      expect(await gauge('acs.cwmp.requests.in_progress')).toBe(0)
    } finally {
      release()
      gate = Promise.resolve()
      cpe.close()
    }
  })
})
