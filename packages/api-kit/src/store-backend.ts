import type { RootDatabase } from 'lmdb'
import type { Db } from 'mongodb'

/**
 * Where the API's keys and audit log live: a MongoDB database, or the embedded lmdb
 * environment (repositories open their own named databases in `root`).
 * Same shape as `StoreBackend` of @acs/store, so either can be passed.
 */
export type ApiStoreBackend = { kind: 'mongo'; db: Db } | { kind: 'embedded'; root: RootDatabase; dir: string }
