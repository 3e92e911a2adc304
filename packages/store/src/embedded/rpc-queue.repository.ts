import type { Database, RootDatabase } from 'lmdb'
import type { CwmpFault } from '@acs/contracts'
import { FINISHED_STATUSES, type EnqueueRpc, type QueuedRpc, type RpcCompletion, type RpcQueueStore, type RpcStatus } from '../rpc-queue.js'
import { newQueuedRpc } from '../new-queued-rpc.js'
import { newRpcId, rpcIdFloor } from '../rpc-id.js'
import { assertCompletion, assertDate, assertEnqueueRpc, assertKey, batchSize } from '../validate.js'

/** Index key of an RPC under its device: sorts by device, then queue order. */
type DeviceKey = [deviceId: string, id: string]
/**
 * What the claim scan needs of an RPC that is still to deliver ('queued' or 'sent'), so that it
 * never decodes a whole RPC it skips.
 */
type PendingEntry = [status: 'queued' | 'sent', sessionId: string | null, sentAtMs: number | null, expiresAtMs: number | null]

/** Names of the LMDB sub-databases of the queue. */
export const RPC_QUEUE_DBS = {
  rpcs: 'rpc-queue',
  byDevice: 'rpc-queue.by-device',
  pending: 'rpc-queue.pending',
  idempotency: 'rpc-queue.by-idempotency-key',
  resultPending: 'rpc-queue.result-pending',
} as const

const rangeOf = (deviceId: string) => ({ start: [deviceId, ''] as DeviceKey, end: [deviceId, '\uffff'] as DeviceKey })

function pendingEntry(status: 'queued' | 'sent', rpc: QueuedRpc): PendingEntry {
  return [status, rpc.sessionId ?? null, rpc.sentAt?.getTime() ?? null, rpc.expiresAt?.getTime() ?? null]
}

const isExpired = (entry: PendingEntry, nowMs: number) => entry[3] !== null && entry[3] <= nowMs

const FINISHED: ReadonlySet<RpcStatus> = new Set(FINISHED_STATUSES)
const prunableBefore = (rpc: QueuedRpc, beforeMs: number) => FINISHED.has(rpc.status) && rpc.updatedAt.getTime() < beforeMs && rpc.resultPending !== true

/**
 * The device queue on embedded LMDB. Each step is one callback of `root.transaction()`: it reads
 * and writes inside one LMDB write transaction (serialized across threads and processes by LMDB's
 * writer lock), and resolves once the commit is flushed to disk. Not `transactionSync`: that
 * blocks the event loop for a whole fsync per step, while async transactions of concurrent
 * sessions share one commit.
 */
export class EmbeddedRpcQueueRepository implements RpcQueueStore {
  private readonly rpcs: Database<QueuedRpc, string>
  private readonly byDevice: Database<RpcStatus, DeviceKey>
  private readonly pending: Database<PendingEntry, DeviceKey>
  private readonly idempotency: Database<string, string>
  /** Ids of finished RPCs whose result is pending (time-ordered, like the ids). */
  private readonly resultPending: Database<true, string>

  constructor(private readonly root: RootDatabase) {
    this.rpcs = root.openDB<QueuedRpc, string>(RPC_QUEUE_DBS.rpcs, {})
    this.byDevice = root.openDB<RpcStatus, DeviceKey>(RPC_QUEUE_DBS.byDevice, {})
    this.pending = root.openDB<PendingEntry, DeviceKey>(RPC_QUEUE_DBS.pending, {})
    this.idempotency = root.openDB<string, string>(RPC_QUEUE_DBS.idempotency, {})
    this.resultPending = root.openDB<true, string>(RPC_QUEUE_DBS.resultPending, {})
  }

  async enqueue(input: EnqueueRpc, now: Date): Promise<QueuedRpc> {
    assertEnqueueRpc(input)
    assertDate(now, 'now')
    return this.root.transaction(() => {
      if (input.idempotencyKey !== undefined) {
        const firstId = this.idempotency.get(input.idempotencyKey)
        const first = firstId === undefined ? undefined : this.rpcs.get(firstId)
        if (first) return first
      }
      let id = newRpcId()
      while (this.rpcs.doesExist(id)) id = newRpcId()
      const rpc = newQueuedRpc(id, input, now)
      this.rpcs.putSync(id, rpc)
      this.byDevice.putSync([rpc.deviceId, id], 'queued')
      this.pending.putSync([rpc.deviceId, id], pendingEntry('queued', rpc))
      if (input.idempotencyKey !== undefined) this.idempotency.putSync(input.idempotencyKey, id)
      return rpc
    })
  }

  async claimNext(deviceId: string, sessionId: string, now: Date): Promise<QueuedRpc | null> {
    assertKey(deviceId, 'deviceId')
    assertKey(sessionId, 'sessionId')
    assertDate(now, 'now')
    const nowMs = now.getTime()
    return this.root.transaction(() => {
      let id: string | undefined
      for (const { key, value } of this.pending.getRange(rangeOf(deviceId))) {
        if (isExpired(value, nowMs)) continue
        const [status, holder, sentAtMs] = value
        if (status === 'queued' || (holder !== sessionId && sentAtMs !== null && sentAtMs < nowMs)) {
          id = key[1]
          break
        }
      }
      const rpc = id === undefined ? undefined : this.rpcs.get(id)
      if (!rpc) return null
      rpc.status = 'sent'
      rpc.sessionId = sessionId
      rpc.sentAt = now
      rpc.updatedAt = now
      rpc.attempts += 1
      this.write(rpc)
      return rpc
    })
  }

  async complete(id: string, sessionId: string, completion: RpcCompletion, now: Date): Promise<QueuedRpc | null> {
    assertKey(id, 'id')
    assertKey(sessionId, 'sessionId')
    assertCompletion(completion)
    assertDate(now, 'now')
    return this.root.transaction(() => {
      const rpc = this.rpcs.get(id)
      if (!rpc || rpc.status !== 'sent' || rpc.sessionId !== sessionId) return null
      rpc.status = completion.status
      if (completion.status === 'done') rpc.response = completion.response
      else rpc.fault = completion.fault
      rpc.completedAt = now
      rpc.updatedAt = now
      rpc.resultPending = true
      this.write(rpc)
      return rpc
    })
  }

  async expireDue(deviceId: string, now: Date, options: { sessionId?: string } = {}): Promise<QueuedRpc[]> {
    assertKey(deviceId, 'deviceId')
    assertDate(now, 'now')
    const nowMs = now.getTime()
    const { sessionId } = options
    return this.finishPending(deviceId, (entry) => {
      if (!isExpired(entry, nowMs)) return false
      return entry[0] === 'queued' || (sessionId !== undefined && entry[1] !== sessionId)
    }, () => true, (rpc) => {
      rpc.status = 'expired'
      rpc.completedAt = now
      rpc.updatedAt = now
      rpc.resultPending = true
    })
  }

  async failGroup(deviceId: string, group: string, fault: CwmpFault, now: Date): Promise<QueuedRpc[]> {
    assertKey(deviceId, 'deviceId')
    assertKey(group, 'group')
    assertCompletion({ status: 'faulted', fault })
    assertDate(now, 'now')
    return this.finishPending(deviceId, (entry) => entry[0] === 'queued', (rpc) => rpc.group === group, (rpc) => {
      rpc.status = 'faulted'
      rpc.fault = fault
      rpc.completedAt = now
      rpc.updatedAt = now
      rpc.resultPending = true
    })
  }

  async cancel(id: string, now: Date): Promise<QueuedRpc | null> {
    assertKey(id, 'id')
    assertDate(now, 'now')
    return this.root.transaction(() => {
      const rpc = this.rpcs.get(id)
      if (!rpc || rpc.status !== 'queued') return null
      rpc.status = 'cancelled'
      rpc.completedAt = now
      rpc.updatedAt = now
      this.write(rpc)
      return rpc
    })
  }

  async get(id: string): Promise<QueuedRpc | null> {
    assertKey(id, 'id')
    return this.rpcs.get(id) ?? null
  }

  async listByDevice(deviceId: string, options: { statuses?: RpcStatus[]; limit?: number } = {}): Promise<QueuedRpc[]> {
    assertKey(deviceId, 'deviceId')
    const limit = options.limit === undefined ? Infinity : Math.max(0, Math.floor(options.limit))
    const wanted = options.statuses ? new Set(options.statuses) : null
    const out: QueuedRpc[] = []
    if (limit === 0) return out
    for (const { key, value } of this.byDevice.getRange(rangeOf(deviceId))) {
      if (wanted && !wanted.has(value)) continue
      const rpc = this.rpcs.get(key[1])
      if (rpc && (!wanted || wanted.has(rpc.status))) out.push(rpc)
      if (out.length >= limit) break
    }
    return out
  }

  async hasPending(deviceId: string, now: Date): Promise<boolean> {
    assertKey(deviceId, 'deviceId')
    assertDate(now, 'now')
    const nowMs = now.getTime()
    for (const { value } of this.pending.getRange(rangeOf(deviceId))) {
      if (!isExpired(value, nowMs)) return true
    }
    return false
  }

  /**
   * Ids are time-ordered, and an RPC cannot finish before it was created: only the ids made
   * before `before` are read (after the first sweeps, mostly the few old RPCs still pending).
   */
  async pruneFinished(before: Date, limit: number): Promise<number> {
    assertDate(before, 'before')
    const beforeMs = before.getTime()
    const max = batchSize(limit)
    const ids: string[] = []
    for (const { key, value } of this.rpcs.getRange({ end: rpcIdFloor(beforeMs) })) {
      if (!prunableBefore(value, beforeMs)) continue
      ids.push(key)
      if (ids.length >= max) break
    }
    if (ids.length === 0) return 0
    return this.root.transaction(() => {
      let deleted = 0
      for (const id of ids) {
        const rpc = this.rpcs.get(id)
        if (!rpc || !prunableBefore(rpc, beforeMs)) continue
        this.rpcs.removeSync(id)
        this.byDevice.removeSync([rpc.deviceId, id])
        if (rpc.idempotencyKey !== undefined && this.idempotency.get(rpc.idempotencyKey) === id) this.idempotency.removeSync(rpc.idempotencyKey)
        deleted++
      }
      return deleted
    })
  }

  async pendingResults(before: Date, limit: number): Promise<QueuedRpc[]> {
    assertDate(before, 'before')
    const beforeMs = before.getTime()
    const max = batchSize(limit)
    const out: QueuedRpc[] = []
    for (const id of this.resultPending.getKeys()) {
      const rpc = this.rpcs.get(id)
      if (rpc?.resultPending !== true || rpc.updatedAt.getTime() >= beforeMs) continue
      out.push(rpc)
      if (out.length >= max) break
    }
    return out
  }

  async resultsPublished(ids: readonly string[]): Promise<void> {
    for (const id of ids) assertKey(id, 'id')
    if (ids.length === 0) return
    await this.root.transaction(() => {
      for (const id of ids) {
        const rpc = this.rpcs.get(id)
        if (rpc?.resultPending !== true) continue
        delete rpc.resultPending
        this.write(rpc)
      }
    })
  }

  /** Moves, in one transaction, the pending RPCs whose index entry and document match, applying `change`. */
  private finishPending(
    deviceId: string,
    entryMatches: (entry: PendingEntry) => boolean,
    rpcMatches: (rpc: QueuedRpc) => boolean,
    change: (rpc: QueuedRpc) => void,
  ): Promise<QueuedRpc[]> {
    return this.root.transaction(() => {
      const ids: string[] = []
      for (const { key, value } of this.pending.getRange(rangeOf(deviceId))) if (entryMatches(value)) ids.push(key[1])
      const moved: QueuedRpc[] = []
      for (const id of ids) {
        const rpc = this.rpcs.get(id)
        if (!rpc || !rpcMatches(rpc)) continue
        change(rpc)
        this.write(rpc)
        moved.push(rpc)
      }
      return moved
    })
  }

  /** Writes the RPC and keeps both device indexes in step with its status. Call inside a transaction. */
  private write(rpc: QueuedRpc): void {
    const key: DeviceKey = [rpc.deviceId, rpc.id]
    this.rpcs.putSync(rpc.id, rpc)
    this.byDevice.putSync(key, rpc.status)
    if (rpc.status === 'queued' || rpc.status === 'sent') this.pending.putSync(key, pendingEntry(rpc.status, rpc))
    else this.pending.removeSync(key)
    if (rpc.resultPending === true) this.resultPending.putSync(rpc.id, true)
    else this.resultPending.removeSync(rpc.id)
  }
}
