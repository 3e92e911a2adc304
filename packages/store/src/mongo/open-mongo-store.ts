import { MongoClient, type Db, type MongoClientOptions } from 'mongodb'
import type { Store } from '../store.js'
import { leaseDeviceLock, type DeviceLockDocument } from './device-lock.js'
import {
  DEVICE_CREDENTIALS_COLLECTION,
  DEVICES_COLLECTION,
  MongoDeviceRegistryRepository,
  type DeviceCredentialDocument,
  type DeviceDocument,
} from './device-registry.repository.js'
import { createRpcQueueIndexes, MongoRpcQueueRepository, RPC_QUEUE_COLLECTION, type RpcDocument } from './rpc-queue.repository.js'

/** Where and how to open the MongoDB store. */
export interface MongoStoreOptions {
  /** mongodb:// or mongodb+srv:// URL; its path names the database unless `dbName` is given. */
  url: string
  /** Database name; overrides the URL path. Default: the URL path, else 'acs'. */
  dbName?: string
  /** Extra driver options (pool size, timeouts, TLS...). */
  clientOptions?: MongoClientOptions
  /**
   * Serialize the queue writes of each device with a lease lock. Default: detected, on for
   * FerretDB (whose updates are not atomic), off for MongoDB.
   */
  writeLocks?: boolean
}

/** Name of the collection holding the device locks of `leaseDeviceLock`. */
export const DEVICE_LOCKS_COLLECTION = 'rpc_queue_locks'

const DEFAULT_DB_NAME = 'acs'

/** The database named by the path of a MongoDB URL, or undefined when the path is empty. */
export function databaseFromUrl(url: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/?#]*\/([^?#]*)/.exec(url)
  const name = match?.[1] ? decodeURIComponent(match[1]) : ''
  return name === '' ? undefined : name
}

/** The host list of a MongoDB URL for messages: never the credentials it may carry. */
export function hostsOf(url: string): string {
  return /^mongodb(?:\+srv)?:\/\/(?:[^@/?#]*@)?([^/?#]*)/.exec(url)?.[1] || '(unparsable MongoDB URL)'
}

/** Whether the server is FerretDB, whose findAndModify and update are not atomic. */
export async function isFerretDb(client: MongoClient): Promise<boolean> {
  const info = await client.db('admin').command({ buildInfo: 1 })
  return 'ferretdbVersion' in info
}

/** Opens the repositories of the store on `db`, creating their indexes (idempotent). */
export async function openMongoRepositories(db: Db, writeLocks: boolean): Promise<Pick<Store, 'rpcQueue' | 'devices'>> {
  const queue = db.collection<RpcDocument>(RPC_QUEUE_COLLECTION)
  await createRpcQueueIndexes(queue)
  const lock = writeLocks ? leaseDeviceLock(db.collection<DeviceLockDocument>(DEVICE_LOCKS_COLLECTION)) : null
  return {
    rpcQueue: new MongoRpcQueueRepository(queue, lock),
    devices: new MongoDeviceRegistryRepository(
      db.collection<DeviceDocument>(DEVICES_COLLECTION),
      db.collection<DeviceCredentialDocument>(DEVICE_CREDENTIALS_COLLECTION),
    ),
  }
}

/**
 * The server's answer to `ping` within `timeoutMs`. The driver would wait for a server up to its
 * server-selection timeout (30 s); a probe needs its answer sooner.
 */
async function pingWithin(db: Db, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`MongoDB did not answer a ping within ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    await Promise.race([db.command({ ping: 1 }), deadline])
  } finally {
    clearTimeout(timer)
  }
}

/** Connects to MongoDB (or FerretDB), creates the indexes and returns the store. */
export async function openMongoStore(options: MongoStoreOptions): Promise<Store> {
  const dbName = options.dbName ?? databaseFromUrl(options.url) ?? DEFAULT_DB_NAME
  // ignoreUndefined: an optional field left undefined is not stored as null.
  const client = new MongoClient(options.url, { ignoreUndefined: true, ...options.clientOptions })
  await client.connect().catch((err: unknown) => {
    const reason = err instanceof Error ? err.message : String(err)
    throw new Error(`cannot connect to MongoDB at ${hostsOf(options.url)}: ${reason}. Check that the server runs there and that MONGODB_URL names it.`, { cause: err })
  })
  try {
    const db = client.db(dbName)
    const needsWriteLocks = options.writeLocks ?? (await isFerretDb(client))
    const repositories = await openMongoRepositories(db, needsWriteLocks)
    return {
      backend: { kind: 'mongo', client, db, needsWriteLocks },
      ...repositories,
      ping: (timeoutMs) => pingWithin(db, timeoutMs),
      close: () => client.close(),
    }
  } catch (error) {
    await client.close()
    throw error
  }
}
