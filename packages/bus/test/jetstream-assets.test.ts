import { JetStreamApiError, type JetStreamManager, type StreamInfo } from '@nats-io/jetstream'
import type { Kvm } from '@nats-io/kv'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { STREAMS } from '@acs/contracts'
import { JetStreamAssets } from '../src/nats/jetstream-assets.js'
import { Namespace } from '../src/nats/namespace.js'
import { captureLogger } from './helpers.js'

const notFound = () => new JetStreamApiError({ code: 404, err_code: 10059, description: 'stream not found' })
const overlap = () => new JetStreamApiError({ code: 400, err_code: 10065, description: 'subjects overlap with an existing stream' })
const unavailable = () => new JetStreamApiError({ code: 503, err_code: 10008, description: 'JetStream system temporarily unavailable' })

/**
 * A JetStream manager that knows the streams in `present` and answers `info` and `add` as the
 * test says: the decision rules of the checks, without a server (the NATS tests cover the wire).
 */
function fakeServer() {
  const present = new Set(STREAMS.map((s) => `t_${s.name}`))
  const calls = { info: 0, add: 0 }
  let infoFails: (() => Error) | null = null
  let addFails: (() => Error) | null = null
  const jsm = {
    streams: {
      info: async (name: string) => {
        calls.info++
        if (infoFails) throw infoFails()
        if (!present.has(name)) throw notFound()
        return { created: '2026-11-27T00:00:00Z' } as StreamInfo
      },
      add: async (config: { name: string }) => {
        calls.add++
        if (addFails) throw addFails()
        present.add(config.name)
        return {} as StreamInfo
      },
    },
  } as unknown as JetStreamManager
  return {
    jsm,
    present,
    calls,
    failInfo: (f: (() => Error) | null) => void (infoFails = f),
    failAdd: (f: (() => Error) | null) => void (addFails = f),
  }
}

describe('JetStreamAssets: when a check fails, and what it reports', () => {
  beforeEach(() => void vi.useFakeTimers())
  afterEach(() => void vi.useRealTimers())

  const setup = () => {
    const server = fakeServer()
    const { logger, lines } = captureLogger()
    const assets = new JetStreamAssets(server.jsm, {} as Kvm, new Namespace('t'), logger, 10_000)
    return { server, lines, assets }
  }

  it('does not report a problem when JetStream cannot be reached, and retries with backoff', async () => {
    const { server, lines, assets } = setup()
    server.failInfo(() => new Error('TIMEOUT'))
    await assets.check()
    expect(assets.problem).toBeUndefined()
    expect(lines.some((l) => l.level === 'warn' && l.message.includes('could not check'))).toBe(true)
    const after = server.calls.info
    // The timer and failed operations wait for the retry (1 s).
    assets.tick()
    assets.suspect()
    await vi.advanceTimersByTimeAsync(999)
    expect(server.calls.info).toBe(after)
    await vi.advanceTimersByTimeAsync(1)
    expect(server.calls.info).toBe(after + 1)
    // Then 2 s.
    await vi.advanceTimersByTimeAsync(1_999)
    expect(server.calls.info).toBe(after + 1)
    await vi.advanceTimersByTimeAsync(1)
    expect(server.calls.info).toBe(after + 2)
    expect(assets.problem).toBeUndefined()
  })

  it('reports a creation refused on two checks in a row, and clears it once the creation succeeds', async () => {
    const { server, lines, assets } = setup()
    const lost = `t_${STREAMS[0]!.name}`
    server.present.delete(lost)
    server.failAdd(overlap)
    await assets.check()
    // One refusal may be the server still cleaning up a deletion.
    expect(assets.problem).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(assets.problem?.message).toContain(`stream ${lost}: subjects overlap`)
    expect(lines.some((l) => l.level === 'error' && l.message.includes('cannot be created again'))).toBe(true)
    server.failAdd(null)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(assets.problem).toBeUndefined()
    expect(server.present.has(lost)).toBe(true)
    expect(lines.some((l) => l.fields.stream === lost && l.message.includes('stream was missing'))).toBe(true)
    expect(lines.some((l) => l.level === 'info' && l.message.includes('exist again'))).toBe(true)
  })

  it('counts a 503 (JetStream temporarily unavailable) as not reachable, not as a refusal', async () => {
    const { server, assets } = setup()
    server.present.delete(`t_${STREAMS[0]!.name}`)
    server.failAdd(unavailable)
    await assets.check()
    await vi.advanceTimersByTimeAsync(1_000)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(server.calls.add).toBe(3)
    expect(assets.problem).toBeUndefined()
  })

  it('does nothing while disconnected, and checks with a fresh backoff once reconnected', async () => {
    const { server, assets } = setup()
    server.failInfo(() => new Error('TIMEOUT'))
    await assets.check()
    await vi.advanceTimersByTimeAsync(1_000)
    assets.connection(false)
    const before = server.calls.info
    await assets.check()
    assets.tick()
    await vi.advanceTimersByTimeAsync(20_000)
    expect(server.calls.info).toBe(before)
    server.failInfo(null)
    assets.connection(true)
    await vi.advanceTimersByTimeAsync(0)
    expect(server.calls.info).toBe(before + STREAMS.length)
    expect(assets.problem).toBeUndefined()
  })

  it('asks for no check on a failed operation within seconds of a check that found everything', async () => {
    const { server, assets } = setup()
    await assets.check()
    const before = server.calls.info
    assets.suspect()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(server.calls.info).toBe(before)
    await vi.advanceTimersByTimeAsync(4_000)
    assets.suspect()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(server.calls.info).toBe(before + STREAMS.length)
  })
})
