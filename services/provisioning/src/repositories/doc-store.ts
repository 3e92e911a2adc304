/** A keyed collection of documents with atomic read-modify-write, on MongoDB or embedded LMDB. */

/** What a mutation did. */
export interface Mutation<T> {
  before: T | null
  after: T | null
  changed: boolean
}

/**
 * One collection. `mutate` runs `fn` on the current document and stores what it returns as one
 * atomic step (returning the same object or null changes nothing); `fn` must be pure and
 * synchronous, since it may run again when a concurrent writer got there first.
 */
export interface DocStore<T extends object> {
  get(id: string): Promise<T | null>
  mutate(id: string, fn: (current: T | null) => T | null): Promise<Mutation<T>>
  /** Inserts a new document; false when the id exists. */
  insert(id: string, doc: T): Promise<boolean>
  /** Deletes the document when `when` (if given) holds for it; true when deleted. */
  remove(id: string, when?: (current: T) => boolean): Promise<boolean>
}

/** The mutation found a concurrent writer every time it tried. */
export class ConcurrentUpdateError extends Error {
  readonly code = 'ACS_ERR_PROVISIONING_CONCURRENT_UPDATE'
  constructor(collection: string, id: string) {
    super(`${collection}/${id} kept changing under concurrent writers; try again`)
    this.name = 'ConcurrentUpdateError'
  }
}
