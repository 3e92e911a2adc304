import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Bus, KvBucket } from '@acs/bus'
import { deviceToken, sessionClosedV1 } from '@acs/contracts'
import { captureEvents } from '@acs/contracts/testing'
import { beforeInformWrites, embeddedBackend, startGateway, type Backend, type RunningGateway } from '../support/backend.js'
import { CpeClient } from '../support/cpe-client.js'
import { expectMethod } from '../support/cwmp-assert.js'
import { aDevice, deviceIdOf, informXml, messageXml } from '../support/informs.js'
import { queued } from '../support/queued.js'

const BUCKET = 'cwmp_device_sessions'

/** What the test does to the bucket's calls: counts them, and may run something just before the next delete. */
interface Interception {
  counts: Map<string, number>
  beforeNextDelete: (() => Promise<void>) | null
}

/** The bucket with every call counted by operation name (the calls themselves reach the real bucket). */
function intercepted(bucket: KvBucket, on: Interception): KvBucket {
  const count = (op: string) => on.counts.set(op, (on.counts.get(op) ?? 0) + 1)
  return {
    get: (key) => (count('get'), bucket.get(key)),
    create: (key, value) => (count('create'), bucket.create(key, value)),
    update: (key, value, revision) => (count('update'), bucket.update(key, value, revision)),
    put: (key, value) => (count('put'), bucket.put(key, value)),
    delete: async (key, revision) => {
      count('delete')
      const before = on.beforeNextDelete
      on.beforeNextDelete = null
      if (before) await before()
      return bucket.delete(key, revision)
    },
    onReset: (listener) => bucket.onReset(listener),
  }
}

/**
 * What a session costs in session-KV operations: on NATS each is a round trip, so these counts are
 * part of the gateway's performance (services/gateway/README.md: one entry per device).
 */
describe('the session KV entry: operations per session, and who announces a session end', () => {
  let backend: Backend
  let gw: RunningGateway
  const on: Interception = { counts: new Map(), beforeNextDelete: null }
  const counts = on.counts
  const clients: CpeClient[] = []
  // The gateway's clock; recording an Inform moves it by `informTakes` ms (a slow Inform).
  let clock = Date.now()
  let informTakes = 0

  beforeAll(async () => {
    const inner = await embeddedBackend()
    backend = {
      ...inner,
      openBus: async (name) => {
        const bus = await inner.openBus(name)
        const kv: Bus['kv'] = async (bucket, options) => (bucket === BUCKET ? intercepted(await bus.kv(bucket, options), on) : bus.kv(bucket, options))
        return new Proxy(bus, { get: (target, prop, receiver) => (prop === 'kv' ? kv : Reflect.get(target, prop, receiver)) })
      },
      openStore: async () =>
        beforeInformWrites(await inner.openStore(), () => {
          clock += informTakes
        }),
    }
    gw = await startGateway(backend, {}, { now: () => new Date(clock) })
  })
  afterAll(async () => {
    for (const c of clients) c.close()
    await gw?.close()
    await backend?.close()
  })

  const session = () => {
    const c = new CpeClient(gw.url)
    clients.push(c)
    counts.clear()
    informTakes = 0
    return c
  }
  const sessionIdOf = (c: CpeClient) => c.cookie?.split('=')[1]?.split('.')[0]
  const seen = () => Object.fromEntries([...counts].filter(([, n]) => n > 0))

  it('costs three for an Inform session with nothing queued: create on the Inform; get and delete on the empty POST', async () => {
    const cpe = session()
    expectMethod(await cpe.post(informXml(aDevice())), 'InformResponse')
    expect(seen()).toEqual({ create: 1 })
    expect((await cpe.post('')).status).toBe(204)
    expect(seen()).toEqual({ create: 1, get: 1, delete: 1 })
  })

  it('writes the entry again when the Inform took a quarter of the session timeout, renewing its liveness', async () => {
    const cpe = session()
    informTakes = 10_000 // the default timeout is 30 s
    expectMethod(await cpe.post(informXml(aDevice())), 'InformResponse')
    expect(seen()).toEqual({ create: 1, update: 1 })
    clock += 25_000 // live for 30 s from the end of the Inform, not from its start
    expect((await cpe.post('')).status).toBe(204)
    expect(seen()).toEqual({ create: 1, update: 1, get: 1, delete: 1 })
  })

  it('adds one read and one compare-and-set write for each request that continues the session', async () => {
    const d = aDevice()
    const rpc = await gw.store.rpcQueue.enqueue({ deviceId: deviceIdOf(d), service: 'provisioning', request: queued({ method: 'GetParameterValues', parameterNames: ['Device.'] }) }, new Date())
    const cpe = session()
    expectMethod(await cpe.post(informXml(d)), 'InformResponse')
    expect(expectMethod(await cpe.post(''), 'GetParameterValues').header.id).toBe(rpc.id)
    expect(seen()).toEqual({ create: 1, get: 1, update: 1 })
    const response = messageXml({ namespace: 'urn:dslforum-org:cwmp-1-2', header: { id: rpc.id }, body: { method: 'GetParameterValuesResponse', parameterList: [] } })
    expect((await cpe.post(response)).status).toBe(204)
    expect(seen()).toEqual({ create: 1, get: 2, update: 1, delete: 1 })
  })

  it('announces a session end once when a re-sent Inform takes the device just before the session deletes its entry', async () => {
    const d = aDevice()
    const closed = await captureEvents(gw.bus, sessionClosedV1, sessionClosedV1.filter(deviceToken(deviceIdOf(d))))
    try {
      const cpe = session()
      const again = session()
      expectMethod(await cpe.post(informXml(d)), 'InformResponse')
      let retaken = 0
      on.beforeNextDelete = async () => {
        retaken = (await again.post(informXml(d))).status
      }
      expect((await cpe.post('')).status).toBe(204)
      expect(retaken).toBe(200)
      expect((await again.post('')).status).toBe(204)
      await closed.waitFor(2)
      await new Promise((r) => setTimeout(r, 100)) // room for a third announcement, which must not come
      // The first session: superseded by the re-sent Inform (its closing delete then fails); the second: completed.
      expect(closed.events.map((e) => [e.sessionId, e.outcome])).toEqual([
        [sessionIdOf(cpe), 'superseded'],
        [sessionIdOf(again), 'completed'],
      ])
    } finally {
      await closed.stop()
    }
  })

  it('announces a session end once when its closing delete failed and the device later takes the entry over', async () => {
    const d = aDevice()
    const closed = await captureEvents(gw.bus, sessionClosedV1, sessionClosedV1.filter(deviceToken(deviceIdOf(d))))
    try {
      const cpe = session()
      expectMethod(await cpe.post(informXml(d)), 'InformResponse')
      on.beforeNextDelete = async () => {
        throw new Error('KV unavailable')
      }
      expect((await cpe.post('')).status).toBe(204)
      // The entry is still there; once it is older than the session timeout, the next Inform takes it over.
      clock += 31_000
      const next = session()
      expectMethod(await next.post(informXml(d)), 'InformResponse')
      expect((await next.post('')).status).toBe(204)
      await closed.waitFor(2)
      await new Promise((r) => setTimeout(r, 100)) // room for a third announcement, which must not come
      expect(closed.events.map((e) => [e.sessionId, e.outcome])).toEqual([
        [sessionIdOf(cpe), 'completed'],
        [sessionIdOf(next), 'completed'],
      ])
    } finally {
      await closed.stop()
    }
  })
})
