import { metrics } from '@opentelemetry/api'
import { MeterProvider } from '@opentelemetry/sdk-metrics'
import { afterAll, describe, expect, it } from 'vitest'
import { CollectingReader } from '../support/collecting-reader.js'
import { createInstruments, RPC_DURATION_BUCKETS_S, SESSION_DURATION_BUCKETS_S } from '../../src/telemetry/instruments.js'

describe('gateway instruments', () => {
  const reader = new CollectingReader()
  const provider = new MeterProvider({ readers: [reader] })
  metrics.setGlobalMeterProvider(provider)
  afterAll(async () => {
    metrics.disable()
    await provider.shutdown()
  })

  it('buckets session durations in seconds, from milliseconds to minutes', async () => {
    const instruments = createInstruments()
    for (const seconds of [0.004, 0.03, 0.3, 3, 45]) instruments.sessionDuration.record(seconds, { outcome: 'completed' })
    const { resourceMetrics } = await reader.collect()
    const metric = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === 'acs.cwmp.session.duration')
    const point = metric?.dataPoints[0]?.value as { buckets: { boundaries: number[]; counts: number[] } } | undefined
    expect(point?.buckets.boundaries).toEqual(SESSION_DURATION_BUCKETS_S)
    // Five sessions, five different buckets: <=10 ms, <=50 ms, <=500 ms, <=5 s, <=60 s.
    expect(point?.buckets.counts.filter((n) => n > 0)).toEqual([1, 1, 1, 1, 1])
    expect(point?.buckets.counts.reduce((a, b) => a + b, 0)).toBe(5)
  })

  it('buckets RPC durations in seconds, from 5 ms to a minute', async () => {
    createInstruments().rpcDuration.record(0.02, { 'cwmp.method': 'GetParameterValues', outcome: 'done' })
    const { resourceMetrics } = await reader.collect()
    const metric = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === 'acs.cwmp.rpc.duration')
    const point = metric?.dataPoints[0]?.value as { buckets: { boundaries: number[] } } | undefined
    expect(point?.buckets.boundaries).toEqual(RPC_DURATION_BUCKETS_S)
  })
})
