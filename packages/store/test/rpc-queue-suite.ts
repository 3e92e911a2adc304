import { describe, expect, it } from 'vitest'
import { StoreInputError, type RpcQueueStore } from '../src/index.js'
import { aDeviceId, aFault, aGetParameterValues, at } from './builders.js'

/** How the suite reaches the store under test. */
export interface RpcQueueSuiteTarget {
  queue(): RpcQueueStore
  /** A second handle on the same data (another client, as another process would have). */
  otherQueue(): RpcQueueStore
  /** False for a backend that cannot make concurrent claims exclusive (FerretDB without write locks). */
  exclusiveConcurrentClaims: boolean
}

/** The behaviour every RpcQueueStore must have, run against each backend. */
export function rpcQueueSuite(target: RpcQueueSuiteTarget): void {
  describe('rpc queue', () => {
    const enqueueMany = async (deviceId: string, count: number, second = 0) => {
      const ids: string[] = []
      for (let i = 0; i < count; i++) ids.push((await target.queue().enqueue(aGetParameterValues(deviceId, { correlationId: `c${i}` }), at(second))).id)
      return ids
    }

    it('hands out RPCs in the order they were queued', async () => {
      const device = aDeviceId()
      const ids = await enqueueMany(device, 5)
      const claimed: string[] = []
      for (let i = 0; i < 5; i++) claimed.push((await target.queue().claimNext(device, 's1', at(1)))!.id)
      expect(claimed).toEqual(ids)
    })

    it('gives ids that sort in queue order', async () => {
      const ids = await enqueueMany(aDeviceId(), 20)
      expect([...ids].sort()).toEqual(ids)
    })

    it('stores a new RPC as queued with its fields and no attempts', async () => {
      const device = aDeviceId()
      const rpc = await target.queue().enqueue(aGetParameterValues(device, { group: 'g', awaited: true, expiresAt: at(100) }), at(0))
      expect(await target.queue().get(rpc.id)).toEqual({
        id: rpc.id,
        deviceId: device,
        service: 'provisioning',
        request: { method: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.SoftwareVersion'] },
        status: 'queued',
        group: 'g',
        awaited: true,
        expiresAt: at(100),
        createdAt: at(0),
        updatedAt: at(0),
        attempts: 0,
      })
    })

    it('returns the first RPC when an enqueue is repeated with the same idempotency key', async () => {
      const device = aDeviceId()
      const key = `k-${device}`
      const first = await target.queue().enqueue(aGetParameterValues(device, { idempotencyKey: key }), at(0))
      const again = await target.queue().enqueue(aGetParameterValues(device, { idempotencyKey: key, correlationId: 'other' }), at(1))
      expect(again.id).toBe(first.id)
      expect(await target.queue().listByDevice(device)).toHaveLength(1)
    })

    it('rejects an invalid enqueue without writing anything', async () => {
      const device = aDeviceId()
      const bad = { ...aGetParameterValues(device), request: { parameterNames: [] } } as never
      await expect(target.queue().enqueue(bad, at(0))).rejects.toBeInstanceOf(StoreInputError)
      expect(await target.queue().listByDevice(device)).toEqual([])
    })

    it('returns null when the device has nothing to deliver', async () => {
      expect(await target.queue().claimNext(aDeviceId(), 's1', at(0))).toBeNull()
    })

    it('marks a claimed RPC sent by the session and counts the attempt', async () => {
      const device = aDeviceId()
      await enqueueMany(device, 1)
      const rpc = await target.queue().claimNext(device, 's1', at(5))
      expect(rpc).toMatchObject({ status: 'sent', sessionId: 's1', sentAt: at(5), updatedAt: at(5), attempts: 1 })
    })

    it('gives each RPC to exactly one of many concurrent claims from different sessions', async ({ skip }) => {
      if (!target.exclusiveConcurrentClaims) skip('this server cannot make concurrent claims exclusive without write locks')
      const device = aDeviceId()
      const ids = await enqueueMany(device, 8)
      const claims = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? target.otherQueue() : target.queue()).claimNext(device, `s${i}`, at(1))),
      )
      const claimed = claims.filter((rpc) => rpc !== null).map((rpc) => rpc.id)
      expect(claimed.sort()).toEqual(ids)
    })

    it('never gives a session back an RPC it already holds', async () => {
      const device = aDeviceId()
      const [a, b] = await enqueueMany(device, 2)
      expect((await target.queue().claimNext(device, 's1', at(1)))?.id).toBe(a)
      expect((await target.queue().claimNext(device, 's1', at(2)))?.id).toBe(b)
      expect(await target.queue().claimNext(device, 's1', at(3))).toBeNull()
    })

    it('lets a later session re-claim an RPC left in flight by a dead session', async () => {
      const device = aDeviceId()
      const [a] = await enqueueMany(device, 2)
      await target.queue().claimNext(device, 'dead', at(1))
      const retried = await target.queue().claimNext(device, 'live', at(60))
      expect(retried).toMatchObject({ id: a, status: 'sent', sessionId: 'live', sentAt: at(60), attempts: 2 })
    })

    it('does not let a session take an RPC another session claimed at the same instant', async () => {
      const device = aDeviceId()
      const [a, b] = await enqueueMany(device, 2)
      expect((await target.queue().claimNext(device, 's1', at(1)))?.id).toBe(a)
      expect((await target.queue().claimNext(device, 's2', at(1)))?.id).toBe(b)
    })

    it('records the response of an RPC completed by the session that holds it', async () => {
      const device = aDeviceId()
      await enqueueMany(device, 1)
      const { id } = (await target.queue().claimNext(device, 's1', at(1)))!
      const response = { method: 'GetParameterValuesResponse', parameterList: [{ name: 'a', value: '1', type: 'xsd:string' }] }
      const done = await target.queue().complete(id, 's1', { status: 'done', response }, at(2))
      expect(done).toMatchObject({ id, status: 'done', response, completedAt: at(2) })
      expect(await target.queue().get(id)).toEqual(done)
    })

    it('records the fault of an RPC the CPE refused', async () => {
      const device = aDeviceId()
      await enqueueMany(device, 1)
      const { id } = (await target.queue().claimNext(device, 's1', at(1)))!
      const faulted = await target.queue().complete(id, 's1', { status: 'faulted', fault: aFault() }, at(2))
      expect(faulted).toMatchObject({ status: 'faulted', fault: aFault() })
    })

    it('refuses a completion from a session that does not hold the RPC', async () => {
      const device = aDeviceId()
      await enqueueMany(device, 1)
      const { id } = (await target.queue().claimNext(device, 's1', at(1)))!
      expect(await target.queue().complete(id, 's2', { status: 'done', response: { method: 'X' } }, at(2))).toBeNull()
      expect(await target.queue().get(id)).toMatchObject({ status: 'sent', sessionId: 's1' })
    })

    it('refuses to complete an RPC twice', async () => {
      const device = aDeviceId()
      await enqueueMany(device, 1)
      const { id } = (await target.queue().claimNext(device, 's1', at(1)))!
      await target.queue().complete(id, 's1', { status: 'done', response: { method: 'X' } }, at(2))
      expect(await target.queue().complete(id, 's1', { status: 'faulted', fault: aFault() }, at(3))).toBeNull()
    })

    it('skips an RPC past its expiry when claiming', async () => {
      const device = aDeviceId()
      await target.queue().enqueue(aGetParameterValues(device, { expiresAt: at(10) }), at(0))
      const live = await target.queue().enqueue(aGetParameterValues(device), at(0))
      expect((await target.queue().claimNext(device, 's1', at(10)))?.id).toBe(live.id)
    })

    it('expires the queued RPCs past their expiry and only those', async () => {
      const device = aDeviceId()
      const old = await target.queue().enqueue(aGetParameterValues(device, { expiresAt: at(10) }), at(0))
      const fresh = await target.queue().enqueue(aGetParameterValues(device, { expiresAt: at(100) }), at(0))
      const expired = await target.queue().expireDue(device, at(50))
      expect(expired.map((r) => [r.id, r.status, r.completedAt])).toEqual([[old.id, 'expired', at(50)]])
      expect(await target.queue().get(fresh.id)).toMatchObject({ status: 'queued' })
    })

    it('expires an RPC left in flight past its expiry by a dead session when told the live session', async () => {
      const device = aDeviceId()
      const rpc = await target.queue().enqueue(aGetParameterValues(device, { expiresAt: at(10) }), at(0))
      await target.queue().claimNext(device, 'dead', at(1))
      expect(await target.queue().expireDue(device, at(50))).toEqual([])
      expect((await target.queue().expireDue(device, at(50), { sessionId: 'live' })).map((r) => r.id)).toEqual([rpc.id])
    })

    it('fails the still-queued RPCs of a group and leaves the others', async () => {
      const device = aDeviceId()
      const q = target.queue()
      const first = await q.enqueue(aGetParameterValues(device, { group: 'fw' }), at(0))
      const second = await q.enqueue(aGetParameterValues(device, { group: 'fw' }), at(0))
      const third = await q.enqueue(aGetParameterValues(device, { group: 'fw' }), at(0))
      const other = await q.enqueue(aGetParameterValues(device, { group: 'other' }), at(0))
      await q.claimNext(device, 's1', at(1))
      const failed = await q.failGroup(device, 'fw', aFault(9002), at(2))
      expect(failed.map((r) => r.id)).toEqual([second.id, third.id])
      expect(failed.every((r) => r.status === 'faulted' && r.fault?.faultCode === 9002)).toBe(true)
      expect(await q.get(first.id)).toMatchObject({ status: 'sent' })
      expect(await q.get(other.id)).toMatchObject({ status: 'queued' })
    })

    it('cancels a queued RPC so that it is never claimed', async () => {
      const device = aDeviceId()
      const [a] = await enqueueMany(device, 1)
      expect(await target.queue().cancel(a!, at(1))).toMatchObject({ id: a, status: 'cancelled', completedAt: at(1) })
      expect(await target.queue().claimNext(device, 's1', at(2))).toBeNull()
    })

    it('refuses to cancel an RPC that was already sent', async () => {
      const device = aDeviceId()
      const [a] = await enqueueMany(device, 1)
      await target.queue().claimNext(device, 's1', at(1))
      expect(await target.queue().cancel(a!, at(2))).toBeNull()
    })

    it('reports pending work while an RPC is queued or in flight', async () => {
      const device = aDeviceId()
      const q = target.queue()
      expect(await q.hasPending(device, at(0))).toBe(false)
      const [a] = await enqueueMany(device, 1)
      expect(await q.hasPending(device, at(0))).toBe(true)
      await q.claimNext(device, 's1', at(1))
      expect(await q.hasPending(device, at(1))).toBe(true)
      await q.complete(a!, 's1', { status: 'done', response: { method: 'X' } }, at(2))
      expect(await q.hasPending(device, at(2))).toBe(false)
    })

    it('reports no pending work when the only queued RPC is past its expiry', async () => {
      const device = aDeviceId()
      await target.queue().enqueue(aGetParameterValues(device, { expiresAt: at(10) }), at(0))
      expect(await target.queue().hasPending(device, at(10))).toBe(false)
    })

    it('lists a device RPCs in queue order, filtered by status and limited', async () => {
      const device = aDeviceId()
      const [a, b, c, d] = await enqueueMany(device, 4)
      await enqueueMany(aDeviceId(), 2)
      await target.queue().cancel(b!, at(1))
      expect((await target.queue().listByDevice(device)).map((r) => r.id)).toEqual([a, b, c, d])
      expect((await target.queue().listByDevice(device, { statuses: ['queued'] })).map((r) => r.id)).toEqual([a, c, d])
      expect((await target.queue().listByDevice(device, { statuses: ['queued'], limit: 2 })).map((r) => r.id)).toEqual([a, c])
    })

    // These RPCs finish before the suite's origin (negative seconds), so the cutoffs below never
    // reach what the other tests finished. The database may hold older leftovers of another run of
    // this suite (another variant of the same backend): each test first clears what is older than
    // its cutoff, so the counts it asserts are its own.
    const drainPrunable = async (q: RpcQueueStore, before: Date) => {
      while ((await q.pruneFinished(before, 1_000)) > 0);
    }
    const drainPendingResults = async (q: RpcQueueStore, before: Date) => {
      for (let pending = await q.pendingResults(before, 1_000); pending.length > 0; pending = await q.pendingResults(before, 1_000)) {
        await q.resultsPublished(pending.map((r) => r.id))
      }
    }

    it('prunes RPCs that finished before the cutoff, and neither pending nor later ones', async () => {
      const device = aDeviceId()
      const q = target.queue()
      await drainPrunable(q, at(-500))
      const key = `prune-${device}`
      const done = await q.enqueue(aGetParameterValues(device, { idempotencyKey: key }), at(-1000))
      const cancelled = await q.enqueue(aGetParameterValues(device), at(-1000))
      const oldQueued = await q.enqueue(aGetParameterValues(device), at(-1000))
      const finishedLater = await q.enqueue(aGetParameterValues(device), at(-1000))
      expect((await q.claimNext(device, 's1', at(-999)))?.id).toBe(done.id)
      await q.complete(done.id, 's1', { status: 'done', response: { method: 'GetParameterValuesResponse' } }, at(-998))
      await q.cancel(cancelled.id, at(-997))
      await q.cancel(finishedLater.id, at(-100))

      // Its result is still pending: kept until the gateway says it was published.
      expect(await q.pruneFinished(at(-500), 100)).toBe(1)
      expect(await q.get(done.id)).not.toBeNull()
      await q.resultsPublished([done.id])
      expect(await q.pruneFinished(at(-500), 100)).toBe(1)
      expect(await q.get(done.id)).toBeNull()
      expect(await q.get(cancelled.id)).toBeNull()
      expect((await q.listByDevice(device)).map((r) => r.id)).toEqual([oldQueued.id, finishedLater.id])
      expect((await q.claimNext(device, 's2', at(-90)))?.id).toBe(oldQueued.id)
      const again = await q.enqueue(aGetParameterValues(device, { idempotencyKey: key }), at(-80))
      expect(again.id).not.toBe(done.id)
      expect(await q.pruneFinished(at(-500), 100)).toBe(0)
    })

    it('prunes at most the given number of RPCs per call', async () => {
      const device = aDeviceId()
      const q = target.queue()
      await drainPrunable(q, at(-1800))
      for (let i = 0; i < 3; i++) await q.cancel((await q.enqueue(aGetParameterValues(device), at(-2000))).id, at(-1900))
      expect(await q.pruneFinished(at(-1800), 2)).toBe(2)
      expect(await q.pruneFinished(at(-1800), 2)).toBe(1)
      expect(await q.listByDevice(device)).toEqual([])
    })

    it('marks the results of RPCs it ends for the gateway as pending until they are published', async () => {
      const device = aDeviceId()
      const q = target.queue()
      const [a, b, c, d] = await enqueueMany(device, 4, -3000)
      await q.claimNext(device, 's1', at(-2999))
      const completed = await q.complete(a!, 's1', { status: 'faulted', fault: aFault(9002) }, at(-2998))
      expect(completed?.resultPending).toBe(true)
      await q.cancel(d!, at(-2997))
      expect((await q.get(d!))?.resultPending).toBeUndefined()

      const own = async (before: Date) => (await q.pendingResults(before, 1_000)).filter((r) => r.deviceId === device).map((r) => r.id)
      expect(await own(at(-2900))).toEqual([a])
      expect(await own(at(-2998))).toEqual([])
      await q.resultsPublished([a!, b!, c!])
      expect(await own(at(-2900))).toEqual([])
      expect((await q.get(a!))?.resultPending).toBeUndefined()
      expect((await q.get(a!))?.status).toBe('faulted')
    })

    it('lists pending results at most `limit` at a time', async () => {
      const device = aDeviceId()
      const q = target.queue()
      await drainPendingResults(q, at(-3900))
      const ids = await enqueueMany(device, 3, -4000)
      for (const id of ids) {
        await q.claimNext(device, 's1', at(-3999))
        await q.complete(id, 's1', { status: 'done', response: { method: 'GetParameterValuesResponse' } }, at(-3998))
      }
      const first = await q.pendingResults(at(-3900), 2)
      expect(first).toHaveLength(2)
      await q.resultsPublished(first.map((r) => r.id))
      expect((await q.pendingResults(at(-3900), 2)).map((r) => r.id)).toEqual(ids.filter((id) => !first.some((r) => r.id === id)))
    })

    it('returns null for an unknown id', async () => {
      expect(await target.queue().get('0000000000000000000000dead')).toBeNull()
    })
  })
}
