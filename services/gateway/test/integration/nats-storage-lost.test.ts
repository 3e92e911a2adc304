import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNatsBus, type Bus } from '@acs/bus'
import { openMongoStore, type Store } from '@acs/store'
import { integrationEnv, stallableProxy, until, type IntegrationContext, type StallableProxy } from '@acs/testing'
import { createGateway, loadGatewayConfig, type Gateway } from '../../src/index.js'
import { CpeClient } from '../support/cpe-client.js'
import { expectMethod } from '../support/cwmp-assert.js'
import { aDevice, informXml, type TestDevice } from '../support/informs.js'

/** A whole session without RPCs: the Inform answered, then 204 on the empty POST. */
async function quietSession(url: string, device: TestDevice): Promise<void> {
  const cpe = new CpeClient(url)
  try {
    expectMethod(await cpe.post(informXml(device)), 'InformResponse')
    expect((await cpe.post('')).status).toBe(204)
  } finally {
    cpe.close()
  }
}

const env = integrationEnv()
describe.skipIf(env.skip)('gateway after NATS lost its JetStream storage', () => {
  let ctx: IntegrationContext
  let proxy: StallableProxy
  let bus: Bus
  let store: Store
  let gateway: Gateway
  let url: string
  const logged: Record<string, unknown>[] = []

  beforeAll(async () => {
    ctx = await env.open()
    proxy = await stallableProxy(ctx.natsUrl!)
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) })
    // The periodic check is pushed out of the test's reach: the reconnect, or the gateway's own
    // consumers failing their pull (a check a second later), repair here.
    bus = await createNatsBus({ servers: proxy.urlFor(ctx.natsUrl!), name: 'gw-storage-lost', namespace: ctx.namespace, logger, assetCheckIntervalMs: 3_600_000 })
    store = await openMongoStore({ url: ctx.mongoUrl!, dbName: ctx.dbName })
    // No ACS_GATEWAY_SECRET: the Digest nonce key is the one shared through the bus KV.
    const config = loadGatewayConfig({ ACS_GATEWAY_ID: 'gw-storage-lost', ACS_INFORM_RATE_PER_IP: '0' })
    gateway = await createGateway({ config, bus, store, logger })
    await gateway.start()
    const { port } = await gateway.listen({ host: '127.0.0.1', port: 0 })
    url = `http://127.0.0.1:${port}/`
  })
  afterAll(async () => {
    await gateway?.close()
    await bus?.close()
    await proxy?.close()
    await store?.close()
    await ctx?.close()
  })

  it('serves sessions again once it reconnects to a server that came back without its streams and buckets', async () => {
    const device = aDevice()
    await quietSession(url, device)
    const peer = await ctx.openBus('peer')
    const nonceKeys = await peer.kv('cwmp_gateway', { ttlMs: 365 * 24 * 3600_000 })
    const nonceKey = (await nonceKeys.get('digest-secret'))?.value
    expect(nonceKey).toHaveLength(32)

    // As a NATS server restarted without its storage: every stream and KV bucket of this deployment gone...
    const gone = await ctx.deleteStreams()
    expect(gone).toContain(`KV_${ctx.namespace}_cwmp_device_sessions`)
    // ...and the connection dropped, as the restart does.
    proxy.reset()

    await until(() => logged.some((l) => l.bucket === `${ctx.namespace}_cwmp_device_sessions` && String(l.msg).includes('KV bucket was missing')), {
      what: 'the session bucket created again',
    })
    await quietSession(url, device)
    await quietSession(url, aDevice())
    await bus.ping(2_000)
    // The running gateway put its nonce key back: a replica started now signs with the same one.
    await until(async () => (await nonceKeys.get('digest-secret'))?.value, { what: 'the nonce key back in its bucket' })
    expect(Buffer.from((await nonceKeys.get('digest-secret'))!.value).equals(Buffer.from(nonceKey!))).toBe(true)
  })

  it('repairs on the reconnect alone, with no operation failing and no timer', async () => {
    const lines: Record<string, unknown>[] = []
    const quiet = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) })
    const alone = await stallableProxy(ctx.natsUrl!)
    const idle = await createNatsBus({ servers: alone.urlFor(ctx.natsUrl!), name: 'idle', namespace: `${ctx.namespace}_idle`, logger: quiet, assetCheckIntervalMs: 3_600_000 })
    try {
      await idle.kv('quiet', { ttlMs: 60_000 })
      expect(await ctx.deleteStreams()).toContain(`KV_${ctx.namespace}_idle_quiet`)
      alone.reset()
      await until(() => lines.some((l) => l.bucket === `${ctx.namespace}_idle_quiet` && String(l.msg).includes('KV bucket was missing')), { what: 'the bucket created again after the reconnect' })
    } finally {
      await idle.close()
      await alone.close()
    }
  })
})
