import type { Db, MongoClient } from 'mongodb'
import type { RootDatabase } from 'lmdb'
import type { DeviceRegistryStore } from './device-registry.js'
import type { RpcQueueStore } from './rpc-queue.js'

/** The connection a store runs on; services build their own repositories on it. */
export type StoreBackend =
  | {
      kind: 'mongo'
      client: MongoClient
      db: Db
      /** The server does not make single-document updates atomic (FerretDB v1): serialize per key. */
      needsWriteLocks: boolean
    }
  | { kind: 'embedded'; root: RootDatabase; dir: string }

/** The shared store: the device RPC queue and the device registry, on MongoDB or embedded LMDB. */
export interface Store {
  backend: StoreBackend
  rpcQueue: RpcQueueStore
  devices: DeviceRegistryStore
  /**
   * Resolves when the store answers within `timeoutMs`: MongoDB after a `ping` command, the
   * embedded store while it is open. Rejects otherwise; readiness probes use it.
   */
  ping(timeoutMs: number): Promise<void>
  /** Closes the connection (Mongo) or the environment (LMDB); the store is unusable afterwards. */
  close(): Promise<void>
}
