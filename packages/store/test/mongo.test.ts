import { createServer, type AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import { MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DEVICE_LOCKS_COLLECTION,
  databaseFromUrl,
  leaseDeviceLock,
  openMongoStore,
  StoreBusyError,
  type DeviceLockDocument,
  type Store,
} from '../src/index.js'
import { aDeviceId, aGetParameterValues, at } from './builders.js'
import { deviceRegistrySuite } from './device-registry-suite.js'
import { mongoUrlFromEnv } from './mongo-env.js'
import { hostsOf } from '../src/mongo/open-mongo-store.js'
import { rpcQueueSuite } from './rpc-queue-suite.js'

const { url } = mongoUrlFromEnv()

/** A loopback port nothing listens on (bound, then released). */
async function closedLoopbackPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe.skipIf(!url)('mongo store', () => {
  const dbName = `acs_store_test_${randomBytes(5).toString('hex')}`
  // Two stores on two clients, as two processes would have, plus one without write locks.
  const stores: Store[] = []
  let locked: Store
  let lockedOther: Store
  let unlocked: Store
  let serverIsFerretDb = false

  beforeAll(async () => {
    locked = await openMongoStore({ url: url!, dbName })
    lockedOther = await openMongoStore({ url: url!, dbName })
    unlocked = await openMongoStore({ url: url!, dbName, writeLocks: false })
    stores.push(locked, lockedOther, unlocked)
    serverIsFerretDb = locked.backend.kind === 'mongo' && locked.backend.needsWriteLocks
  })
  afterAll(async () => {
    if (locked?.backend.kind === 'mongo') await locked.backend.db.dropDatabase()
    await Promise.all(stores.map((s) => s.close()))
  })

  describe('as opened by default', () => {
    rpcQueueSuite({ queue: () => locked.rpcQueue, otherQueue: () => lockedOther.rpcQueue, exclusiveConcurrentClaims: true })
    deviceRegistrySuite({ devices: () => locked.devices })
  })

  describe('without write locks', () => {
    rpcQueueSuite({
      queue: () => unlocked.rpcQueue,
      otherQueue: () => unlocked.rpcQueue,
      // MongoDB's findOneAndUpdate is atomic; FerretDB v1's is a read followed by a blind write.
      get exclusiveConcurrentClaims() {
        return !serverIsFerretDb
      },
    })
  })

  it('answers a ping while connected and refuses it once closed', async () => {
    const separate = await openMongoStore({ url: url!, dbName })
    await expect(separate.ping(5_000)).resolves.toBeUndefined()
    await separate.close()
    await expect(separate.ping(5_000)).rejects.toThrow()
  })

  it('opens again on a database that already has its indexes', async () => {
    const again = await openMongoStore({ url: url!, dbName })
    await again.close()
    expect(again.backend.kind).toBe('mongo')
  })

  it('stores dates as BSON dates', async () => {
    const device = aDeviceId()
    const rpc = await locked.rpcQueue.enqueue(aGetParameterValues(device), at(0))
    const raw = locked.backend.kind === 'mongo' ? await locked.backend.db.collection('rpc_queue').findOne({ _id: rpc.id as never }) : null
    expect(raw?.createdAt).toBeInstanceOf(Date)
  })

  it('takes the database name from the URL path, then dbName, then acs', () => {
    expect(databaseFromUrl('mongodb://h1:1,h2:2/fleet?replicaSet=rs')).toBe('fleet')
    expect(databaseFromUrl('mongodb://127.0.0.1:27017/')).toBeUndefined()
    expect(databaseFromUrl('mongodb+srv://u:p@cluster.example')).toBeUndefined()
  })

  it('names the hosts, never the credentials, when it cannot connect', async () => {
    expect(hostsOf('mongodb://u:p@h1:1,h2:2/fleet?replicaSet=rs')).toBe('h1:1,h2:2')
    expect(hostsOf('mongodb+srv://user:secret@cluster.example/?tls=true')).toBe('cluster.example')
    expect(hostsOf('http://nope')).toBe('(unparsable MongoDB URL)')
    const port = await closedLoopbackPort()
    const opening = openMongoStore({ url: `mongodb://admin:secret@127.0.0.1:${port}/acs`, clientOptions: { serverSelectionTimeoutMS: 300 } })
    await expect(opening).rejects.toThrow(`cannot connect to MongoDB at 127.0.0.1:${port}: `)
    await expect(opening).rejects.toThrow(/MONGODB_URL/)
    await expect(opening).rejects.not.toThrow(/secret/)
  })

  it('breaks a device lock whose holder let its lease run out', async () => {
    const client = await MongoClient.connect(url!)
    try {
      const locks = client.db(dbName).collection<DeviceLockDocument>(DEVICE_LOCKS_COLLECTION)
      const device = aDeviceId()
      await locks.insertOne({ _id: device, owner: 'crashed', until: new Date(Date.now() - 1) })
      const result = await leaseDeviceLock(locks, { waitMs: 5_000 }).run(device, async () => 'ran')
      expect(result).toBe('ran')
    } finally {
      await client.close()
    }
  })

  it('gives up with StoreBusyError while another holder keeps a device locked', async () => {
    const client = await MongoClient.connect(url!)
    try {
      const locks = client.db(dbName).collection<DeviceLockDocument>(DEVICE_LOCKS_COLLECTION)
      const device = aDeviceId()
      await locks.insertOne({ _id: device, owner: 'alive', until: new Date(Date.now() + 60_000) })
      await expect(leaseDeviceLock(locks, { waitMs: 50 }).run(device, async () => 'ran')).rejects.toBeInstanceOf(StoreBusyError)
    } finally {
      await client.close()
    }
  })
})
