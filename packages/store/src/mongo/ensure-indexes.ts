import { MongoServerError, type Collection, type Document, type IndexDescription } from 'mongodb'

const NAMESPACE_NOT_FOUND = 26

/**
 * Creates the named indexes that the collection lacks. Creating an existing index again is not
 * safe on FerretDB v1: it stores a unique sparse index without `sparse` and then crashes the
 * connection on the "same" spec, so indexes are matched by name and never re-created.
 */
export async function ensureIndexes<T extends Document>(collection: Collection<T>, indexes: (IndexDescription & { name: string })[]): Promise<void> {
  let existing: Set<string>
  try {
    existing = new Set((await collection.listIndexes().toArray()).map((index) => String(index.name)))
  } catch (error) {
    if (!(error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND)) throw error
    existing = new Set()
  }
  const missing = indexes.filter((index) => !existing.has(index.name))
  if (missing.length > 0) await collection.createIndexes(missing)
}
