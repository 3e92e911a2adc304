import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { integrationEnv, type IntegrationContext } from '../src/index.js'

const env = integrationEnv()

// Proves that the CI servers are reachable and behave: JetStream through the raw NATS clients,
// documents through the official MongoDB driver. The bus and the store have their own suites.
describe.skipIf(env.skip)('integration servers', () => {
  let ctx: IntegrationContext

  beforeAll(async () => {
    ctx = await env.open()
  })
  afterAll(() => ctx?.close())

  it('stores a JetStream message and delivers it to a durable consumer', async () => {
    const nc = await ctx.nats()
    const stream = `${ctx.namespace}_WIRING`
    const subject = `${ctx.namespace}.wiring.hello`
    const jsm = await jetstreamManager(nc)
    await jsm.streams.add({ name: stream, subjects: [`${ctx.namespace}.wiring.>`] })
    await jsm.consumers.add(stream, { durable_name: 'reader', ack_policy: AckPolicy.Explicit })

    const js = jetstream(nc)
    const ack = await js.publish(subject, JSON.stringify({ hello: 'world' }), { msgID: 'm1' })
    const consumer = await js.consumers.get(stream, 'reader')
    const message = await consumer.next({ expires: 5_000 })
    await message?.ackAck()

    expect(ack.duplicate).toBe(false)
    expect(message?.subject).toBe(subject)
    expect(message?.json()).toEqual({ hello: 'world' })
  })

  it('drops a JetStream publish that repeats a message id', async () => {
    const nc = await ctx.nats()
    const jsm = await jetstreamManager(nc)
    await jsm.streams.add({ name: `${ctx.namespace}_DEDUP`, subjects: [`${ctx.namespace}.dedup.>`] })
    const js = jetstream(nc)
    await js.publish(`${ctx.namespace}.dedup.a`, 'once', { msgID: 'same' })
    const again = await js.publish(`${ctx.namespace}.dedup.a`, 'once', { msgID: 'same' })
    expect(again.duplicate).toBe(true)
  })

  it('writes and reads a document through the MongoDB driver', async () => {
    const db = await ctx.db()
    const at = new Date('2030-01-01T00:00:00.000Z')
    await db.collection<{ _id: string; at: Date; tags: string[] }>('wiring').insertOne({ _id: 'doc-1', at, tags: ['a', 'b'] })
    expect(await db.collection('wiring').findOne({ _id: 'doc-1' as never })).toEqual({ _id: 'doc-1', at, tags: ['a', 'b'] })
  })

  it('removes the streams and the database of a context when it closes', async () => {
    const other = await env.open()
    const otherJsm = await jetstreamManager(await other.nats())
    await otherJsm.streams.add({ name: `${other.namespace}_GONE`, subjects: [`${other.namespace}.gone.>`] })
    await (await other.db()).collection('gone').insertOne({ x: 1 })
    await other.close()

    const jsm = await jetstreamManager(await ctx.nats())
    const names: string[] = []
    for await (const name of jsm.streams.names()) names.push(name)
    const databases = await (await ctx.db()).admin().listDatabases()
    expect(names.filter((name) => name.includes(other.namespace))).toEqual([])
    expect(databases.databases.map((d) => d.name)).not.toContain(other.dbName)
  })
})
