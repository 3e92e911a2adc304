import { MongoServerError } from 'mongodb'

/** Whether a write failed on a unique index (E11000), from MongoDB or FerretDB. */
export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000
}
