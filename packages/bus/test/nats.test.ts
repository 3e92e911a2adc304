import { createServer, type AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, headers, type NatsConnection } from '@nats-io/transport-node'
import { jetstream, jetstreamManager } from '@nats-io/jetstream'
import { Kvm } from '@nats-io/kv'
import { createNatsBus, RemoteError, type Bus } from '@acs/bus'
import { informHookV1, informV1 } from '@acs/contracts'
import { fixtureFor } from '@acs/contracts/testing'
import { busSuite } from './bus-suite.js'
import { captureLogger, deferred, uniqueToken, until } from './helpers.js'
import { natsTestEnv } from './nats-env.js'
import { JetStreamAssets } from '../src/nats/jetstream-assets.js'
import { Namespace } from '../src/nats/namespace.js'
import { openNatsKv } from '../src/nats/nats-kv.js'

const env = natsTestEnv()
const namespace = `t_${randomUUID().slice(0, 8)}`
const { logger, lines } = captureLogger()

/** Deletes every stream (and KV bucket) this file's namespace created. */
async function dropNamespace(nc: NatsConnection): Promise<void> {
  const jsm = await jetstreamManager(nc)
  for await (const s of jsm.streams.list()) {
    const name = s.config.name
    if (name.startsWith(`${namespace}_`) || name.startsWith(`KV_${namespace}_`)) await jsm.streams.delete(name)
  }
}

function deleteHeaders() {
  const h = headers()
  h.set('KV-Operation', 'DEL')
  return h
}

describe.skipIf(env.skip)('NATS bus', () => {
  let raw: NatsConnection
  const buses: Bus[] = []
  const open = async () => {
    const bus = await createNatsBus({ servers: env.url ?? '', name: 'bus-test', namespace, logger })
    buses.push(bus)
    return bus
  }

  beforeAll(async () => {
    raw = await connect({ servers: env.url ?? '' })
  })
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()))
    await dropNamespace(raw)
    await raw.drain()
  })

  busSuite('contract behaviour', async () => ({
    bus: await open(),
    peer: open,
    openSeparate: open,
    injectRaw: async (subject, payload) => {
      await jetstream(raw).publish(`${namespace}.${subject}`, JSON.stringify(payload))
    },
    logs: lines,
    kvTtlMs: 1_000,
    passTime: () => {},
    close: async () => {},
  }))

  describe('streams and buckets lost on the server', () => {
    it('creates them again while running: publish, consume and KV work again, and KV users hear of the reset', async () => {
      const lost = `${namespace}_lost`
      const bus = await createNatsBus({ servers: env.url ?? '', name: 'bus-test-lost', namespace: lost, logger, assetCheckIntervalMs: 1_000 })
      buses.push(bus)
      const kv = await bus.kv('sessions', { ttlMs: 60_000 })
      let resets = 0
      kv.onReset(() => resets++)
      const device = uniqueToken()
      const received: string[] = []
      await bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device), concurrency: 1 }, async (d) => {
        received.push(d.payload.eventId)
      })
      const before = fixtureFor(informV1, { deviceId: device })
      await bus.publish(informV1, informV1.subject(device), before)
      expect(await kv.create('k', new Uint8Array([1]))).not.toBeNull()
      await until(() => received.length === 1)

      // As a NATS server that restarts without its JetStream storage: every stream and bucket gone.
      const jsm = await jetstreamManager(raw)
      const gone = (await jsm.streams.names().next()).filter((name) => name.startsWith(`${lost}_`) || name.startsWith(`KV_${lost}_`))
      // All at once, as a server restart loses them (a check between two deletions would see half).
      await Promise.all(gone.map((name) => jsm.streams.delete(name)))
      expect(gone).toContain(`KV_${lost}_sessions`)
      expect(gone).toContain(`${lost}_${informV1.stream}`)

      await until(async () => (await jsm.streams.names().next()).includes(`KV_${lost}_sessions`) && resets === 1)
      await until(() => bus.ping(2_000).then(() => true, () => false))
      // The entry went with the old bucket, and the key can be created again on the new one.
      expect(await kv.get('k')).toBeNull()
      expect(await kv.create('k', new Uint8Array([2]))).not.toBeNull()
      const after = fixtureFor(informV1, { deviceId: device })
      await bus.publish(informV1, informV1.subject(device), after)
      await until(() => received.includes(after.eventId), 15_000)
      expect(received).toEqual([before.eventId, after.eventId])
      expect(lines.some((l) => l.fields.bucket === `${lost}_sessions` && l.message.includes('KV bucket was missing'))).toBe(true)
      expect(lines.some((l) => l.fields.stream === `${lost}_${informV1.stream}` && l.message.includes('stream was missing'))).toBe(true)
    })

    it('reports what it could not create again through ping, until it can', async () => {
      const lost = `${namespace}_blocked`
      const bus = await createNatsBus({ servers: env.url ?? '', name: 'bus-test-blocked', namespace: lost, logger, assetCheckIntervalMs: 200 })
      buses.push(bus)
      const jsm = await jetstreamManager(raw)
      const stream = `${lost}_${informV1.stream}`
      const subjects = (await jsm.streams.info(stream)).config.subjects
      // Another stream takes the subjects of the lost one, which then cannot be created again. (A
      // check of the bus may create it between the two steps: then they are taken again.)
      await until(async () => {
        await jsm.streams.delete(stream).catch(() => undefined)
        return jsm.streams.add({ name: `${lost}_squatter`, subjects }).then(() => true, () => false)
      })
      await until(async () => (await bus.ping(2_000).then(() => null, (err: Error) => err))?.message.includes('JetStream refused to create again') ?? false)
      await jsm.streams.delete(`${lost}_squatter`)
      await until(async () => (await bus.ping(2_000).then(() => true, () => false)) && (await jsm.streams.names().next()).includes(stream))
    })

    it('checks at once when an operation fails, without waiting for the timer or a reconnect', async () => {
      const lost = `${namespace}_suspect`
      const bus = await createNatsBus({ servers: env.url ?? '', name: 'bus-test-suspect', namespace: lost, logger, assetCheckIntervalMs: 3_600_000 })
      buses.push(bus)
      const kv = await bus.kv('sessions', { ttlMs: 60_000 })
      const jsm = await jetstreamManager(raw)
      await jsm.streams.delete(`KV_${lost}_sessions`)
      await expect(kv.put('k', new Uint8Array([1]))).rejects.toThrow()
      await until(async () => (await kv.put('k', new Uint8Array([2])).then(() => true, () => false)), 15_000)
      await until(() => lines.some((l) => l.fields.bucket === `${lost}_sessions` && l.message.includes('KV bucket was missing')))
    })

    it('forgets its delete markers when the bucket was created again: a create is one message, not a failed update first', async () => {
      const nc = await connect({ servers: env.url ?? '' })
      try {
        const js = jetstream(nc)
        const jsm = await jetstreamManager(nc)
        const bucket = `${namespace}_reset_kv`
        const assets = new JetStreamAssets(jsm, new Kvm(js), new Namespace(namespace), logger, 10_000)
        const kv = await openNatsKv(assets, jsm, js, bucket, 60_000)
        const key = uniqueToken('k')
        // The marker of this delete is remembered...
        await kv.delete(key, (await kv.create(key, new Uint8Array([1]))) as number)
        // ...and belongs to a stream that is then lost and made again.
        await jsm.streams.delete(`KV_${bucket}`)
        await assets.check()
        const sent = nc.stats().outMsgs
        expect(await kv.create(key, new Uint8Array([2]))).not.toBeNull()
        expect(nc.stats().outMsgs - sent).toBe(1)
      } finally {
        await nc.close()
      }
    })
  })

  describe('wire details', () => {
    it('says which server it could not reach and what to check, without the credentials of the URL', async () => {
      const probe = createServer()
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
      const { port } = probe.address() as AddressInfo
      await new Promise((resolve) => probe.close(resolve))
      const opening = createNatsBus({ servers: `nats://app:secret@127.0.0.1:${port}`, name: 'bus-test-refused' })
      await expect(opening).rejects.toThrow(`cannot connect to NATS at 127.0.0.1:${port}: `)
      await expect(opening).rejects.toThrow(/NATS_URL/)
      await expect(opening).rejects.not.toThrow(/secret/)
    })

    it('creates a key it deleted itself with one message, not three', async () => {
      const nc = await connect({ servers: env.url ?? '' })
      try {
        const js = jetstream(nc)
        const jsm = await jetstreamManager(nc)
        const kv = await openNatsKv(new JetStreamAssets(jsm, new Kvm(js), new Namespace(namespace), logger, 10_000), jsm, js, `${namespace}_wire_kv`, 60_000)
        const key = uniqueToken('k')
        await kv.delete(key, (await kv.create(key, new Uint8Array([1]))) as number)
        const sent = nc.stats().outMsgs
        expect(await kv.create(key, new Uint8Array([2]))).not.toBeNull()
        expect(nc.stats().outMsgs - sent).toBe(1)
        // A key deleted by someone else takes nats.js's way: a create, a read of the marker, an update.
        await jetstream(raw).publish(`$KV.${namespace}_wire_kv.${key}`, new Uint8Array(), { headers: deleteHeaders() })
        const before = nc.stats().outMsgs
        expect(await kv.create(key, new Uint8Array([3]))).not.toBeNull()
        expect(nc.stats().outMsgs - before).toBe(3)
        // A delete refused at a stale revision remembers no marker: the key is live, and a create
        // learns it the usual way (a create, a read), without first trying an update.
        const live = (await kv.get(key))?.revision as number
        expect(await kv.delete(key, live - 1)).toBe(false)
        const atRefusal = nc.stats().outMsgs
        expect(await kv.create(key, new Uint8Array([4]))).toBeNull()
        expect(nc.stats().outMsgs - atRefusal).toBe(2)
      } finally {
        await nc.close()
      }
    })

    it('terminates a message whose bytes are not JSON', async () => {
      const bus = await open()
      const device = uniqueToken()
      const seen: string[] = []
      const done = deferred()
      const stop = await bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device), concurrency: 1 }, async (d) => {
        seen.push(d.payload.eventId)
        done.resolve()
      })
      await jetstream(raw).publish(`${namespace}.${informV1.subject(device)}`, new Uint8Array([0xff, 0x00, 0x7b]))
      const valid = fixtureFor(informV1, { deviceId: device })
      await bus.publish(informV1, informV1.subject(device), valid)
      await done.promise
      await stop()
      expect(seen).toEqual([valid.eventId])
      expect(lines.some((l) => l.fields.subject === informV1.subject(device) && l.message.includes('invalid message terminated'))).toBe(true)
    })

    it('answers a request that breaks the contract with status 400 instead of silence', async () => {
      const bus = await open()
      const device = uniqueToken()
      const stop = await bus.serve(informHookV1, { queue: 'svc', filter: informHookV1.filter(device) }, async () => ({ service: 'svc', queued: 0 }))
      const reply = await raw.request(`${namespace}.${informHookV1.subject(device)}`, JSON.stringify({ nope: true }), { timeout: 5_000 })
      await stop()
      expect(reply.headers?.code).toBe(400)
      expect(reply.headers?.description).toContain('invalid request')
    })

    it('puts namespaced subjects on the wire and hands logical ones to handlers', async () => {
      const bus = await open()
      const device = uniqueToken()
      const onWire = deferred<string>()
      const sub = raw.subscribe(`${namespace}.${informV1.subject(device)}`, { callback: (_e, m) => onWire.resolve(m.subject) })
      await raw.flush()
      await bus.publish(informV1, informV1.subject(device), fixtureFor(informV1, { deviceId: device }))
      expect(await onWire.promise).toBe(`${namespace}.${informV1.subject(device)}`)
      sub.unsubscribe()
    })

    it('exposes RemoteError status codes from other implementations of a responder', async () => {
      const bus = await open()
      const device = uniqueToken()
      const sub = raw.subscribe(`${namespace}.${informHookV1.subject(device)}`, {
        callback: (_e, m) => void m.respond(new Uint8Array(), { headers: headers(504, 'overloaded') }),
      })
      await raw.flush()
      const err = await bus
        .request(informHookV1, informHookV1.subject(device), fixtureFor(informHookV1, { deviceId: device }), { timeoutMs: 5_000 })
        .catch((e: unknown) => e)
      sub.unsubscribe()
      expect(err).toBeInstanceOf(RemoteError)
      expect((err as RemoteError).status).toBe(504)
    })
  })
})
