import type { Collection, Filter, UpdateFilter } from 'mongodb'
import type { CwmpFault } from '@acs/contracts'
import { FINISHED_STATUSES, type EnqueueRpc, type QueuedRpc, type RpcCompletion, type RpcQueueStore, type RpcStatus } from '../rpc-queue.js'
import { newQueuedRpc } from '../new-queued-rpc.js'
import { newRpcId } from '../rpc-id.js'
import { assertCompletion, assertDate, assertEnqueueRpc, assertKey, batchSize } from '../validate.js'
import type { DeviceLock } from './device-lock.js'
import { ensureIndexes } from './ensure-indexes.js'
import { isDuplicateKeyError } from './mongo-errors.js'

/** A queued RPC as stored in MongoDB: the id is the `_id`, dates are BSON dates, absent fields are absent. */
export type RpcDocument = Omit<QueuedRpc, 'id'> & { _id: string }

/** Name of the queue collection. */
export const RPC_QUEUE_COLLECTION = 'rpc_queue'

/** Indexes the queue needs; created (idempotently) when the store opens. */
export async function createRpcQueueIndexes(collection: Collection<RpcDocument>): Promise<void> {
  await ensureIndexes(collection, [
    { key: { deviceId: 1, status: 1, _id: 1 }, name: 'device_status_id' },
    { key: { idempotencyKey: 1 }, name: 'idempotency_key', unique: true, sparse: true },
    { key: { status: 1, updatedAt: 1 }, name: 'status_updated_at' },
    { key: { resultPending: 1, updatedAt: 1 }, name: 'result_pending_updated_at' },
  ])
}

function toRpc(doc: RpcDocument): QueuedRpc {
  const { _id, ...rest } = doc
  return { id: _id, ...rest }
}

function notExpired(now: Date): Filter<RpcDocument> {
  return { $or: [{ expiresAt: { $exists: false } }, { expiresAt: { $gt: now } }] }
}

/**
 * The device queue on MongoDB. Every step is one findOneAndUpdate (or insert) on one document.
 * With a `lock` (FerretDB, see device-lock.ts) the steps of one device are also serialized,
 * because that server does not make a single update atomic.
 */
export class MongoRpcQueueRepository implements RpcQueueStore {
  constructor(
    private readonly collection: Collection<RpcDocument>,
    private readonly lock: DeviceLock | null = null,
  ) {}

  async enqueue(input: EnqueueRpc, now: Date): Promise<QueuedRpc> {
    assertEnqueueRpc(input)
    assertDate(now, 'now')
    for (let attempt = 1; ; attempt++) {
      const { id, ...rest } = newQueuedRpc(newRpcId(), input, now)
      const doc: RpcDocument = { _id: id, ...rest }
      try {
        await this.collection.insertOne(doc)
        return toRpc(doc)
      } catch (error) {
        if (!isDuplicateKeyError(error) || attempt >= 3) throw error
        if (input.idempotencyKey !== undefined) {
          const first = await this.collection.findOne({ idempotencyKey: input.idempotencyKey })
          if (first) return toRpc(first)
        }
        // Otherwise the generated _id collided with another process's: draw a new one.
      }
    }
  }

  claimNext(deviceId: string, sessionId: string, now: Date): Promise<QueuedRpc | null> {
    assertKey(deviceId, 'deviceId')
    assertKey(sessionId, 'sessionId')
    assertDate(now, 'now')
    return this.withLock(deviceId, async () => {
      const doc = await this.collection.findOneAndUpdate(
        {
          deviceId,
          $and: [
            { $or: [{ status: 'queued' }, { status: 'sent', sessionId: { $ne: sessionId }, sentAt: { $lt: now } }] },
            notExpired(now),
          ],
        },
        { $set: { status: 'sent', sessionId, sentAt: now, updatedAt: now }, $inc: { attempts: 1 } },
        { sort: { _id: 1 }, returnDocument: 'after' },
      )
      return doc ? toRpc(doc) : null
    })
  }

  complete(id: string, sessionId: string, completion: RpcCompletion, now: Date): Promise<QueuedRpc | null> {
    assertKey(id, 'id')
    assertKey(sessionId, 'sessionId')
    assertCompletion(completion)
    assertDate(now, 'now')
    const set: UpdateFilter<RpcDocument>['$set'] =
      completion.status === 'done'
        ? { status: 'done', response: completion.response, completedAt: now, updatedAt: now, resultPending: true }
        : { status: 'faulted', fault: completion.fault, completedAt: now, updatedAt: now, resultPending: true }
    return this.withLockOf(id, () => this.transition({ _id: id, status: 'sent', sessionId }, set))
  }

  expireDue(deviceId: string, now: Date, options: { sessionId?: string } = {}): Promise<QueuedRpc[]> {
    assertKey(deviceId, 'deviceId')
    assertDate(now, 'now')
    const { sessionId } = options
    const due: Filter<RpcDocument> =
      sessionId === undefined
        ? { deviceId, status: 'queued', expiresAt: { $lte: now } }
        : {
            deviceId,
            $or: [{ status: 'queued' }, { status: 'sent', sessionId: { $ne: sessionId } }],
            expiresAt: { $lte: now },
          }
    return this.withLock(deviceId, () => this.transitionAll(due, { status: 'expired', completedAt: now, updatedAt: now, resultPending: true }))
  }

  failGroup(deviceId: string, group: string, fault: CwmpFault, now: Date): Promise<QueuedRpc[]> {
    assertKey(deviceId, 'deviceId')
    assertKey(group, 'group')
    assertCompletion({ status: 'faulted', fault })
    assertDate(now, 'now')
    return this.withLock(deviceId, () =>
      this.transitionAll({ deviceId, status: 'queued', group }, { status: 'faulted', fault, completedAt: now, updatedAt: now, resultPending: true }),
    )
  }

  cancel(id: string, now: Date): Promise<QueuedRpc | null> {
    assertKey(id, 'id')
    assertDate(now, 'now')
    return this.withLockOf(id, () => this.transition({ _id: id, status: 'queued' }, { status: 'cancelled', completedAt: now, updatedAt: now }))
  }

  async get(id: string): Promise<QueuedRpc | null> {
    assertKey(id, 'id')
    const doc = await this.collection.findOne({ _id: id })
    return doc ? toRpc(doc) : null
  }

  async listByDevice(deviceId: string, options: { statuses?: RpcStatus[]; limit?: number } = {}): Promise<QueuedRpc[]> {
    assertKey(deviceId, 'deviceId')
    const filter: Filter<RpcDocument> = options.statuses ? { deviceId, status: { $in: options.statuses } } : { deviceId }
    let cursor = this.collection.find(filter).sort({ _id: 1 })
    if (options.limit !== undefined) cursor = cursor.limit(Math.max(0, Math.floor(options.limit)))
    const docs = await cursor.toArray()
    return docs.map(toRpc)
  }

  async hasPending(deviceId: string, now: Date): Promise<boolean> {
    assertKey(deviceId, 'deviceId')
    assertDate(now, 'now')
    const doc = await this.collection.findOne(
      { deviceId, status: { $in: ['queued', 'sent'] }, ...notExpired(now) },
      { projection: { _id: 1 } },
    )
    return doc !== null
  }

  private async transition(filter: Filter<RpcDocument>, set: UpdateFilter<RpcDocument>['$set']): Promise<QueuedRpc | null> {
    const doc = await this.collection.findOneAndUpdate(filter, { $set: set }, { returnDocument: 'after' })
    return doc ? toRpc(doc) : null
  }

  // One atomic step per RPC (no multi-document transaction): each returned RPC was moved by this call.
  private async transitionAll(filter: Filter<RpcDocument>, set: UpdateFilter<RpcDocument>['$set']): Promise<QueuedRpc[]> {
    const moved: QueuedRpc[] = []
    for (;;) {
      const doc = await this.collection.findOneAndUpdate(filter, { $set: set }, { sort: { _id: 1 }, returnDocument: 'after' })
      if (!doc) return moved
      moved.push(toRpc(doc))
    }
  }

  async pruneFinished(before: Date, limit: number): Promise<number> {
    assertDate(before, 'before')
    const finished: Filter<RpcDocument> = { status: { $in: [...FINISHED_STATUSES] }, updatedAt: { $lt: before }, resultPending: { $ne: true } }
    const ids = (await this.collection.find(finished, { projection: { _id: 1 }, sort: { updatedAt: 1 }, limit: batchSize(limit) }).toArray()).map((d) => d._id)
    if (ids.length === 0) return 0
    // The filter again: only documents still finished and old are deleted (they never change back).
    const result = await this.collection.deleteMany({ _id: { $in: ids }, ...finished })
    return result.deletedCount
  }

  async pendingResults(before: Date, limit: number): Promise<QueuedRpc[]> {
    assertDate(before, 'before')
    const docs = await this.collection.find({ resultPending: true, updatedAt: { $lt: before } }, { sort: { updatedAt: 1 }, limit: batchSize(limit) }).toArray()
    return docs.map(toRpc)
  }

  async resultsPublished(ids: readonly string[]): Promise<void> {
    for (const id of ids) assertKey(id, 'id')
    if (ids.length === 0) return
    await this.collection.updateMany({ _id: { $in: [...ids] }, resultPending: true }, { $unset: { resultPending: '' } })
  }

  private withLock<T>(deviceId: string, fn: () => Promise<T>): Promise<T> {
    return this.lock ? this.lock.run(deviceId, fn) : fn()
  }

  private async withLockOf(id: string, fn: () => Promise<QueuedRpc | null>): Promise<QueuedRpc | null> {
    if (!this.lock) return fn()
    const owner = await this.collection.findOne({ _id: id }, { projection: { deviceId: 1 } })
    return owner ? this.lock.run(owner.deviceId, fn) : null
  }
}
