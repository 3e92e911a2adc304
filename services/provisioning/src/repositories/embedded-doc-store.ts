/** DocStore on embedded LMDB: each mutation runs inside one write transaction (LMDB batches concurrent ones into one commit), with secondary indexes kept in it. */
import type { Database, Key, RootDatabase } from 'lmdb'
import { withoutUndefined } from './clean.js'
import type { DocStore, Mutation } from './doc-store.js'

/** A secondary index: an LMDB database whose keys `keysOf(doc)` point back to the document. */
export interface EmbeddedIndex<T> {
  db: Database<string, Key>
  keysOf(doc: T): Key[]
}

/** A DocStore over one LMDB sub-database. */
export class EmbeddedDocStore<T extends object> implements DocStore<T> {
  readonly db: Database<T, string>

  constructor(
    readonly root: RootDatabase,
    name: string,
    private readonly indexes: EmbeddedIndex<T>[] = [],
  ) {
    this.db = root.openDB<T, string>(name, {})
  }

  /** Opens an index database to pass to the constructor. */
  static index<T>(root: RootDatabase, name: string, keysOf: (doc: T) => Key[]): EmbeddedIndex<T> {
    return { db: root.openDB<string, Key>(name, {}), keysOf }
  }

  async get(id: string): Promise<T | null> {
    return this.db.get(id) ?? null
  }

  private write(id: string, before: T | null, after: T | null): void {
    for (const index of this.indexes) {
      const old = before ? index.keysOf(before) : []
      const next = after ? index.keysOf(after) : []
      const same = (a: Key, b: Key) => JSON.stringify(a) === JSON.stringify(b)
      for (const k of old) if (!next.some((n) => same(n, k))) index.db.removeSync(k)
      for (const k of next) if (!old.some((o) => same(o, k))) index.db.putSync(k, id)
    }
    if (after) this.db.putSync(id, after)
    else this.db.removeSync(id)
  }

  async mutate(id: string, fn: (current: T | null) => T | null): Promise<Mutation<T>> {
    return this.root.transaction(() => {
      const before = this.db.get(id) ?? null
      const produced = fn(before)
      const after = produced === null || produced === before ? produced : withoutUndefined(produced)
      if (after === null || after === before) return { before, after: before, changed: false }
      this.write(id, before, after)
      return { before, after, changed: true }
    })
  }

  async insert(id: string, doc: T): Promise<boolean> {
    return this.root.transaction(() => {
      if (this.db.get(id) !== undefined) return false
      this.write(id, null, withoutUndefined(doc))
      return true
    })
  }

  async remove(id: string, when?: (current: T) => boolean): Promise<boolean> {
    return this.root.transaction(() => {
      const current = this.db.get(id)
      if (current === undefined || (when && !when(current))) return false
      this.write(id, current, null)
      return true
    })
  }

  /** Documents whose index keys fall in [start, end), in key order (reverse: descending). */
  *byIndex(index: EmbeddedIndex<T>, range: { start: Key; end: Key; reverse?: boolean; limit?: number }): Generator<T> {
    const options = range.reverse ? { start: range.end, end: range.start, reverse: true } : { start: range.start, end: range.end }
    let n = 0
    for (const { value } of index.db.getRange(options)) {
      const doc = this.db.get(value)
      if (doc === undefined) continue
      yield doc
      if (range.limit !== undefined && ++n >= range.limit) return
    }
  }
}
