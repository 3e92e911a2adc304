import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { InvalidCursorError } from './errors.js'

/** Query string of every list route: `limit` (1..1000, default 100) and an opaque `cursor`. */
export const PageQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'items per page' }),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: 'nextCursor of the previous page' })),
})
/** The parsed page query. */
export type PageQuery = Static<typeof PageQuery>

/** Response schema of a list route: a page of items and, when more follow, the cursor to them. */
export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Optional(Type.String({ description: 'pass as ?cursor= to get the next page; absent on the last page' })),
  })
}
/** A page of items as returned by a list route. */
export interface PageOf<T> {
  items: T[]
  nextCursor?: string
}

/** A sort key: one value or a tuple of values (e.g. [createdAt, id]). */
export type CursorKey = string | number | boolean | null | ReadonlyArray<string | number | boolean | null>

/** Encodes the last item's sort key as an opaque cursor (base64url of its JSON). */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url')
}

/**
 * Decodes a cursor and checks it against the sort key's schema; a cursor that is not
 * base64url, not JSON, or not of that shape is a 400 (InvalidCursorError), never a 500.
 */
export function decodeCursor<S extends TSchema>(cursor: string, schema: S): Static<S> {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError()
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw new InvalidCursorError()
  }
  if (!Value.Check(schema, value)) throw new InvalidCursorError()
  return value
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only tells that more
 * follow, and the cursor is the sort key of the last row returned. `view` maps rows to items.
 */
export function toPage<R>(rows: readonly R[], limit: number, sortKey: (row: R) => CursorKey): PageOf<R>
export function toPage<R, T>(rows: readonly R[], limit: number, sortKey: (row: R) => CursorKey, view: (row: R) => T): PageOf<T>
export function toPage<R, T>(rows: readonly R[], limit: number, sortKey: (row: R) => CursorKey, view?: (row: R) => T): PageOf<R | T> {
  const items = rows.slice(0, limit)
  const page: PageOf<R | T> = { items: view ? items.map(view) : items }
  const last = items[items.length - 1]
  if (rows.length > limit && last !== undefined) page.nextCursor = encodeCursor(sortKey(last))
  return page
}
