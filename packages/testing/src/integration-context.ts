import { randomBytes } from 'node:crypto'
import { MongoClient, type Db } from 'mongodb'
import { connect, type NatsConnection } from '@nats-io/transport-node'
import { jetstreamManager } from '@nats-io/jetstream'
import type { Bus } from '@acs/bus'
import { openMongoStore, type Store } from '@acs/store'

/** One test file's isolated slice of the shared servers; `close()` removes what it created. */
export interface IntegrationContext {
  /** Unique bus namespace ([a-z0-9]): subjects, streams, consumers and buckets of this test only. */
  namespace: string
  /** Unique MongoDB database name, dropped by close(). */
  dbName: string
  natsUrl: string | undefined
  mongoUrl: string | undefined
  /** A NATS bus in this namespace, closed by close(). */
  openBus(name: string): Promise<Bus>
  /** The store on this test's database, closed by close(). */
  openStore(): Promise<Store>
  /** This test's database through a plain driver client (for repositories and raw checks). */
  db(): Promise<Db>
  /** A raw NATS connection, closed by close(). */
  nats(): Promise<NatsConnection>
  /**
   * Deletes the namespace's streams and KV buckets now, while buses use them, as a NATS server that
   * restarts without its storage loses them; returns their names.
   */
  deleteStreams(): Promise<string[]>
  /** Closes everything opened, deletes the namespace's streams and drops the database. */
  close(): Promise<void>
}

function required(url: string | undefined, variable: string): string {
  if (!url) throw new Error(`${variable} is not set: this integration context was opened without it`)
  return url
}

/** Opens a context with a fresh namespace and database name on the given servers. */
export async function openIntegrationContext(urls: { natsUrl: string | undefined; mongoUrl: string | undefined }): Promise<IntegrationContext> {
  const namespace = `t${randomBytes(6).toString('hex')}`
  const dbName = `acs_test_${namespace}`
  const closers: (() => Promise<void>)[] = []
  let mongo: Promise<MongoClient> | undefined
  let nats: Promise<NatsConnection> | undefined

  const client = () => {
    mongo ??= MongoClient.connect(required(urls.mongoUrl, 'MONGODB_URL'))
    return mongo
  }
  const natsConnection = () => {
    nats ??= connect({ servers: required(urls.natsUrl, 'NATS_URL'), name: `acs-test-${namespace}` })
    return nats
  }

  return {
    namespace,
    dbName,
    natsUrl: urls.natsUrl,
    mongoUrl: urls.mongoUrl,
    async openBus(name) {
      const { createNatsBus } = await import('@acs/bus')
      const bus = await createNatsBus({ servers: required(urls.natsUrl, 'NATS_URL'), name, namespace })
      closers.push(() => bus.close())
      return bus
    },
    async openStore() {
      const store = await openMongoStore({ url: required(urls.mongoUrl, 'MONGODB_URL'), dbName })
      closers.push(() => store.close())
      return store
    },
    async db() {
      return (await client()).db(dbName)
    },
    nats: natsConnection,
    deleteStreams: () => deleteNamespaceStreams(natsConnection(), namespace),
    async close() {
      const failures: unknown[] = []
      const attempt = async (fn: () => Promise<unknown>) => {
        try {
          await fn()
        } catch (error) {
          failures.push(error)
        }
      }
      for (const closeOne of closers.splice(0).reverse()) await attempt(closeOne)
      if (urls.natsUrl) await attempt(() => deleteNamespaceStreams(natsConnection(), namespace))
      if (nats) await attempt(async () => (await natsConnection()).drain())
      if (urls.mongoUrl) await attempt(async () => (await client()).db(dbName).dropDatabase())
      if (mongo) await attempt(async () => (await client()).close())
      if (failures.length > 0) throw new AggregateError(failures, `closing the integration context ${namespace} failed`)
    },
  }
}

/** Deletes the streams (KV buckets included) that the bus created for the namespace; returns their names. */
async function deleteNamespaceStreams(connection: Promise<NatsConnection>, namespace: string): Promise<string[]> {
  const jsm = await jetstreamManager(await connection)
  const owned = (name: string) => name.startsWith(`${namespace}_`) || name.startsWith(`KV_${namespace}_`) || name.startsWith(`OBJ_${namespace}_`)
  const doomed: string[] = []
  for await (const name of jsm.streams.names()) if (owned(name)) doomed.push(name)
  for (const name of doomed) await jsm.streams.delete(name)
  return doomed
}
