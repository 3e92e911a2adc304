import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import { open } from 'lmdb'
import type { Store } from '../store.js'
import { EmbeddedDeviceRegistryRepository } from './device-registry.repository.js'
import { EmbeddedRpcQueueRepository } from './rpc-queue.repository.js'

/** Where to keep the embedded store. */
export interface EmbeddedStoreOptions {
  /** Data directory; created if missing. One LMDB environment, one sub-database per collection. */
  dir: string
  /** Most sub-databases the environment may hold (services add their own). Default 64. */
  maxDbs?: number
}

/** Opens (creating if needed) the embedded LMDB store in `dir`; its data survives restarts. */
export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<Store> {
  const dir = resolve(options.dir)
  await mkdir(dir, { recursive: true })
  const root = open({ path: dir, compression: false, maxDbs: options.maxDbs ?? 64 })
  let closed = false
  return {
    backend: { kind: 'embedded', root, dir },
    rpcQueue: new EmbeddedRpcQueueRepository(root),
    devices: new EmbeddedDeviceRegistryRepository(root),
    // In this process and on local disk: open means reachable.
    ping: async () => {
      if (closed) throw new Error('the embedded store is closed')
    },
    close: () => {
      closed = true
      return root.close()
    },
  }
}
