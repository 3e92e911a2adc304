import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNatsBus, type Bus } from '@acs/bus'
import { openMongoStore, type Store } from '@acs/store'
import { integrationEnv, stallableProxy, until, type IntegrationContext, type StallableProxy } from '@acs/testing'
import { createGateway, loadGatewayConfig, type Gateway } from '../../src/index.js'
import { embeddedBackend, startGateway, type Backend, type RunningGateway } from '../support/backend.js'

/** GET `path` on the gateway's CWMP port: status and JSON body. */
async function probe(gatewayUrl: string, path: '/healthz' | '/readyz'): Promise<{ status: number; body: unknown }> {
  const response = await fetch(new URL(path, gatewayUrl), { signal: AbortSignal.timeout(10_000) })
  return { status: response.status, body: await response.json() }
}

const NOT_READY = { status: 503, body: { status: 'not-ready' } }
const READY = { status: 200, body: { status: 'ready' } }
/** Pinged every 100 ms, down after 1 s without an answer (the defaults are 2 s and 10 s). */
const FAST_READINESS = { intervalMs: 100, unreachableAfterMs: 1_000 }

/** Waits until /readyz says 503: how long it takes is the monitor's business, not an assertion. */
const becomesNotReady = (gatewayUrl: string) => until(async () => (await probe(gatewayUrl, '/readyz')).status === 503, { timeoutMs: 15_000, what: '/readyz 503' })

describe('gateway probes (embedded)', () => {
  let backend: Backend
  let gw: RunningGateway

  beforeAll(async () => {
    backend = await embeddedBackend()
    gw = await startGateway(backend)
  })
  afterAll(async () => {
    await gw?.close()
    await backend?.close()
  })

  it('answers /healthz and, once started with its bus and store open, /readyz', async () => {
    expect(await probe(gw.url, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } })
    expect(await probe(gw.url, '/readyz')).toEqual(READY)
  })

  it('is not ready before start()', async () => {
    const gateway = await createGateway({
      config: loadGatewayConfig({ ACS_GATEWAY_ID: 'unstarted', ACS_GATEWAY_SECRET: 'test-secret-test-secret' }),
      bus: gw.bus,
      store: gw.store,
      logger: pino({ level: 'silent' }),
    })
    try {
      const response = await gateway.server.inject({ method: 'GET', url: '/readyz' })
      expect({ status: response.statusCode, body: response.json() as unknown }).toEqual(NOT_READY)
      expect(await gateway.ready()).toBe(false)
    } finally {
      await gateway.close()
    }
  })

  it('is not ready once its store is closed, and still alive', async () => {
    const other = await embeddedBackend()
    const running = await startGateway(other, {}, { name: 'gw-closing-store', readiness: FAST_READINESS })
    try {
      expect(await probe(running.url, '/readyz')).toEqual(READY)
      await running.store.close()
      await becomesNotReady(running.url)
      expect(await probe(running.url, '/readyz')).toEqual(NOT_READY)
      expect(await running.gateway.ready()).toBe(false)
      expect((await probe(running.url, '/healthz')).status).toBe(200)
    } finally {
      await running.close()
      await other.close().catch(() => undefined)
    }
  })
})

const env = integrationEnv()
describe.skipIf(env.skip)('gateway probes (NATS + MongoDB behind proxies that stall)', () => {
  let ctx: IntegrationContext
  const proxies: StallableProxy[] = []
  const gateways: Gateway[] = []
  const buses: Bus[] = []
  const stores: Store[] = []
  /** What the gateways logged at warn and above, parsed. */
  const logged: Record<string, unknown>[] = []
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) })

  /** A gateway whose NATS or MongoDB connection (or neither) goes through a proxy of its own. */
  async function gatewayThrough(name: string, through: 'nats' | 'mongo'): Promise<{ url: string; gateway: Gateway; proxy: StallableProxy; bus: Bus }> {
    const proxy = await stallableProxy(through === 'nats' ? ctx.natsUrl! : ctx.mongoUrl!)
    proxies.push(proxy)
    const bus = await createNatsBus({ servers: through === 'nats' ? proxy.urlFor(ctx.natsUrl!) : ctx.natsUrl!, name, namespace: ctx.namespace })
    buses.push(bus)
    const store = await openMongoStore({ url: through === 'mongo' ? proxy.urlFor(ctx.mongoUrl!) : ctx.mongoUrl!, dbName: ctx.dbName })
    stores.push(store)
    const config = loadGatewayConfig({ ACS_GATEWAY_ID: name, ACS_GATEWAY_SECRET: 'test-secret-test-secret', ACS_INFORM_RATE_PER_IP: '0' })
    const gateway = await createGateway({ config, bus, store, logger, readiness: FAST_READINESS })
    gateways.push(gateway)
    await gateway.start()
    const { port } = await gateway.listen({ host: '127.0.0.1', port: 0 })
    return { url: `http://127.0.0.1:${port}/`, gateway, proxy, bus }
  }

  beforeAll(async () => {
    ctx = await env.open()
  })
  afterAll(async () => {
    const bounded = (p: Promise<unknown>) => Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, 3_000))])
    for (const g of gateways) await bounded(g.close())
    for (const p of proxies) await p.close()
    for (const b of buses) await bounded(b.close())
    for (const s of stores) await bounded(s.close())
    await ctx?.close()
  })

  it('turns not ready when NATS stops answering, without waiting for the client to notice', async () => {
    const { url, gateway, proxy, bus } = await gatewayThrough('gw-nats-stall', 'nats')
    expect(await probe(url, '/readyz')).toEqual(READY)
    proxy.stall()
    await becomesNotReady(url)
    expect(await gateway.ready()).toBe(false)
    // The warning comes with the monitor's next look, at most one interval later.
    await until(() => logged.some((l) => l.gatewayId === 'gw-nats-stall' && /^bus has not answered/.test(String(l.problem))), { what: 'the not-ready warning' })
    // A drain cannot finish on a stalled connection: close() gives up on it and closes.
    await gateway.close()
    await bus.close()
    await expect(bus.ping(1_000)).rejects.toThrow(/closed/)
  })

  it('turns not ready when MongoDB stops answering', async () => {
    const { url, gateway, proxy } = await gatewayThrough('gw-mongo-stall', 'mongo')
    expect(await probe(url, '/readyz')).toEqual(READY)
    proxy.stall()
    await becomesNotReady(url)
    expect(await gateway.ready()).toBe(false)
    // Logged at the change of state: the hanging ping's own error may not be in yet, so only the name is sure.
    await until(() => logged.some((l) => l.gatewayId === 'gw-mongo-stall' && /^store has not answered/.test(String(l.problem))), { what: 'the not-ready warning' })
    expect((await probe(url, '/healthz')).status).toBe(200)
  })
})
