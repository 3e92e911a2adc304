/** Tasks and their history (collection provisioning_tasks). */
import type { Key, RootDatabase } from 'lmdb'
import type { Db, Document, Filter } from 'mongodb'
import type { StoredTaskStatus, Task } from '../tasks/task.js'
import type { DocStore, Mutation } from './doc-store.js'
import { EmbeddedDocStore, type EmbeddedIndex } from './embedded-doc-store.js'
import { ensureIndexes } from '@acs/store'
import { fromStored, MongoDocStore, writeLocks } from './mongo-doc-store.js'

/** Which tasks to list: newest first, before a task id (keyset pagination by id). */
export interface TaskQuery {
  deviceId?: string
  bulkId?: string
  statuses?: StoredTaskStatus[]
  before?: string
  limit: number
}

/** Where tasks live. */
export interface TaskRepository {
  insert(task: Task): Promise<boolean>
  get(id: string): Promise<Task | null>
  mutate(id: string, fn: (current: Task | null) => Task | null): Promise<Mutation<Task>>
  list(query: TaskQuery): Promise<Task[]>
  /**
   * Unfinished tasks the sweeper must look at: faulted with a retry due, queued without an RPC
   * since before `staleBefore` (a crash between saving and queueing), or waiting past expiry.
   */
  needingAttention(now: Date, staleBefore: Date, limit: number): Promise<Task[]>
  /** Deletes finished tasks older than `cutoff`; returns how many. */
  deleteFinishedBefore(cutoff: Date, limit: number): Promise<number>
}

/** Collection / sub-database name. */
export const TASKS_COLLECTION = 'provisioning_tasks'
const HIGH = '\uffff'

function attention(t: Task, now: Date, staleBefore: Date): boolean {
  if (t.finishedAt !== undefined) return false
  if (t.expiresAt !== undefined && t.expiresAt <= now && (t.status === 'faulted' || t.rpcId === undefined)) return true
  if (t.status === 'faulted') return t.nextAttemptAt !== undefined && t.nextAttemptAt <= now
  return t.status === 'queued' && t.rpcId === undefined && t.updatedAt < staleBefore
}

/** Tasks on MongoDB. */
export async function openMongoTaskRepository(db: Db, needsWriteLocks: boolean): Promise<TaskRepository> {
  const col = db.collection<Document>(TASKS_COLLECTION)
  await ensureIndexes(col, [
    { key: { deviceId: 1, _id: -1 }, name: 'device_id' },
    { key: { bulkId: 1, _id: -1 }, name: 'bulk_id', sparse: true },
    { key: { status: 1, _id: -1 }, name: 'status_id' },
    { key: { finishedAt: 1 }, name: 'finished_at', sparse: true },
  ])
  const docs: DocStore<Task> = new MongoDocStore<Task>(col, writeLocks(db, needsWriteLocks))
  const read = (d: Document) => fromStored<Task>(d)!
  return {
    insert: (t) => docs.insert(t.id, t),
    get: (id) => docs.get(id),
    mutate: (id, fn) => docs.mutate(id, fn),
    async list(q) {
      const filter: Filter<Document> = {}
      if (q.deviceId !== undefined) filter.deviceId = q.deviceId
      if (q.bulkId !== undefined) filter.bulkId = q.bulkId
      if (q.statuses) filter.status = { $in: q.statuses }
      if (q.before !== undefined) filter._id = { $lt: q.before as never }
      return (await col.find(filter).sort({ _id: -1 }).limit(q.limit).toArray()).map(read)
    },
    async needingAttention(now, staleBefore, limit) {
      const rows = await col
        .find({ finishedAt: { $exists: false }, $or: [{ status: 'faulted' }, { status: 'queued', rpcId: { $exists: false } }] })
        .sort({ _id: 1 })
        .limit(limit * 4)
        .toArray()
      return rows.map(read).filter((t) => attention(t, now, staleBefore)).slice(0, limit)
    },
    async deleteFinishedBefore(cutoff, limit) {
      const ids = (await col.find({ finishedAt: { $lt: cutoff } }, { projection: { _id: 1 } }).limit(limit).toArray()).map((d) => d._id)
      if (ids.length === 0) return 0
      return (await col.deleteMany({ _id: { $in: ids }, finishedAt: { $lt: cutoff } })).deletedCount
    },
  }
}

/** Tasks on embedded LMDB, with index databases by device, bulk request and status. */
export function openEmbeddedTaskRepository(root: RootDatabase): TaskRepository {
  const byDevice = EmbeddedDocStore.index<Task>(root, `${TASKS_COLLECTION}.by-device`, (t) => [[t.deviceId, t.id]])
  const byBulk = EmbeddedDocStore.index<Task>(root, `${TASKS_COLLECTION}.by-bulk`, (t) => (t.bulkId ? [[t.bulkId, t.id]] : []))
  const byState = EmbeddedDocStore.index<Task>(root, `${TASKS_COLLECTION}.by-state`, (t) => [[t.finishedAt ? 'finished' : 'open', t.status, t.id]])
  const docs = new EmbeddedDocStore<Task>(root, TASKS_COLLECTION, [byDevice, byBulk, byState])
  const scan = (index: EmbeddedIndex<Task>, prefix: Key[], q: TaskQuery): Task[] => {
    const out: Task[] = []
    const end: Key = [...prefix, q.before ?? HIGH]
    for (const t of docs.byIndex(index, { start: [...prefix, ''], end, reverse: true })) {
      if (q.before !== undefined && t.id >= q.before) continue
      if (q.deviceId !== undefined && t.deviceId !== q.deviceId) continue
      if (q.bulkId !== undefined && t.bulkId !== q.bulkId) continue
      if (q.statuses && !q.statuses.includes(t.status)) continue
      out.push(t)
      if (out.length >= q.limit) break
    }
    return out
  }
  return {
    insert: (t) => docs.insert(t.id, t),
    get: (id) => docs.get(id),
    mutate: (id, fn) => docs.mutate(id, fn),
    async list(q) {
      if (q.deviceId !== undefined) return scan(byDevice, [q.deviceId], q)
      if (q.bulkId !== undefined) return scan(byBulk, [q.bulkId], q)
      const out: Task[] = []
      const range = q.before !== undefined ? { start: q.before, reverse: true } : { reverse: true }
      for (const { key, value } of docs.db.getRange(range)) {
        if (q.before !== undefined && key >= q.before) continue
        if (q.statuses && !q.statuses.includes(value.status)) continue
        out.push(value)
        if (out.length >= q.limit) break
      }
      return out
    },
    async needingAttention(now, staleBefore, limit) {
      const out: Task[] = []
      for (const t of docs.byIndex(byState, { start: ['open', ''], end: ['open', HIGH] })) {
        if (attention(t, now, staleBefore)) out.push(t)
        if (out.length >= limit) break
      }
      return out
    },
    async deleteFinishedBefore(cutoff, limit) {
      const ids: string[] = []
      for (const t of docs.byIndex(byState, { start: ['finished', ''], end: ['finished', HIGH] })) {
        if (t.finishedAt && t.finishedAt < cutoff) ids.push(t.id)
        if (ids.length >= limit) break
      }
      let n = 0
      for (const id of ids) if (await docs.remove(id, (t) => t.finishedAt !== undefined && t.finishedAt < cutoff)) n++
      return n
    },
  }
}
