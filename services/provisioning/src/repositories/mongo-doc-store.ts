/** DocStore on MongoDB: optimistic replace on a version field, serialized per id where the server needs it. */
import type { Collection, Db, Document } from 'mongodb'
import { isDuplicateKeyError, leaseDeviceLock, type DeviceLock, type DeviceLockDocument } from '@acs/store'
import { withoutUndefined } from './clean.js'
import { ConcurrentUpdateError, type DocStore, type Mutation } from './doc-store.js'

/** Collection holding provisioning's write locks (FerretDB v1 only). */
export const PROVISIONING_LOCKS_COLLECTION = 'provisioning_locks'

/** How a stored document looks: the caller's fields plus _id and the version `_v`. */
export type Stored<T> = T & { _id: string; _v: number }

/** Strips _id and _v. */
export function fromStored<T extends object>(doc: Document | null): T | null {
  if (!doc) return null
  const { _id: _ignored, _v: _version, ...rest } = doc
  return rest as T
}

/** Per-id write locks when the server's single-document updates are not atomic (FerretDB v1), else none. */
export function writeLocks(db: Db, needed: boolean): DeviceLock | null {
  return needed ? leaseDeviceLock(db.collection<DeviceLockDocument>(PROVISIONING_LOCKS_COLLECTION)) : null
}

/** A DocStore over one MongoDB collection. */
export class MongoDocStore<T extends object> implements DocStore<T> {
  constructor(
    readonly collection: Collection<Document>,
    private readonly lock: DeviceLock | null,
  ) {}

  async get(id: string): Promise<T | null> {
    return fromStored<T>(await this.collection.findOne({ _id: id as never }))
  }

  async mutate(id: string, fn: (current: T | null) => T | null): Promise<Mutation<T>> {
    const attempt = async (): Promise<Mutation<T>> => {
      for (let i = 0; i < 25; i++) {
        const raw = await this.collection.findOne({ _id: id as never })
        const before = fromStored<T>(raw)
        const produced = fn(before)
        const after = produced === null || produced === before ? produced : withoutUndefined(produced)
        if (after === null || after === before) return { before, after: before, changed: false }
        if (!raw) {
          try {
            await this.collection.insertOne({ ...after, _id: id, _v: 1 } as Document)
            return { before, after, changed: true }
          } catch (err) {
            if (isDuplicateKeyError(err)) continue
            throw err
          }
        }
        const version = typeof raw?._v === 'number' ? raw._v : 0
        const res = await this.collection.replaceOne({ _id: id as never, _v: raw?._v }, { ...after, _v: version + 1 })
        if (res.matchedCount === 1) return { before, after, changed: true }
      }
      throw new ConcurrentUpdateError(this.collection.collectionName, id)
    }
    return this.lock ? this.lock.run(`${this.collection.collectionName}:${id}`, attempt) : attempt()
  }

  async insert(id: string, doc: T): Promise<boolean> {
    try {
      await this.collection.insertOne({ ...withoutUndefined(doc), _id: id, _v: 1 } as Document)
      return true
    } catch (err) {
      if (isDuplicateKeyError(err)) return false
      throw err
    }
  }

  async remove(id: string, when?: (current: T) => boolean): Promise<boolean> {
    const run = async () => {
      if (!when) return (await this.collection.deleteOne({ _id: id as never })).deletedCount === 1
      const raw = await this.collection.findOne({ _id: id as never })
      const current = fromStored<T>(raw)
      if (!current || !when(current)) return false
      return (await this.collection.deleteOne({ _id: id as never, _v: raw?._v })).deletedCount === 1
    }
    return this.lock ? this.lock.run(`${this.collection.collectionName}:${id}`, run) : run()
  }
}
