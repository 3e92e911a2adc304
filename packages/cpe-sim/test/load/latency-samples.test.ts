import { describe, expect, it } from 'vitest'
import { LatencySamples } from '../../src/load/latency-samples.js'

describe('LatencySamples', () => {
  it('summarises every sample by default', () => {
    const samples = new LatencySamples()
    for (let ms = 1; ms <= 100; ms++) samples.add(ms)
    expect(samples.summary()).toEqual({ p50: 50, p99: 99, max: 100 })
  })

  it('summarises only the samples recorded after a mark', () => {
    const samples = new LatencySamples()
    for (let i = 0; i < 50; i++) samples.add(1_000)
    const mark = samples.count
    for (let ms = 1; ms <= 10; ms++) samples.add(ms)
    expect(samples.summary(mark)).toEqual({ p50: 5, p99: 10, max: 10 })
  })

  it('answers zeros when nothing was recorded after the mark', () => {
    const samples = new LatencySamples()
    samples.add(3)
    expect(samples.summary(samples.count)).toEqual({ p50: 0, p99: 0, max: 0 })
  })

  it('keeps samples across its growth beyond the initial capacity', () => {
    const samples = new LatencySamples()
    for (let i = 0; i < 10_000; i++) samples.add(i % 2 === 0 ? 1 : 2)
    expect([samples.count, samples.summary().max]).toEqual([10_000, 2])
  })
})
