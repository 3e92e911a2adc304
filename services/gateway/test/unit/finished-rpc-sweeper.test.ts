import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEmbeddedStore, type Store } from '@acs/store'
import { tempDir, type TempDir } from '@acs/testing'
import { FinishedRpcSweeper } from '../../src/housekeeping/finished-rpc-sweeper.js'

const DAY_MS = 24 * 3600_000
const logger = pino({ level: 'silent' })

describe('FinishedRpcSweeper', () => {
  let dir: TempDir
  let store: Store
  beforeEach(async () => {
    dir = await tempDir('acs-sweeper-')
    store = await openEmbeddedStore({ dir: dir.path })
  })
  afterEach(async () => {
    await store.close()
    await dir.remove()
  })

  /** An RPC of `deviceId` queued now and cancelled at `endedAt`. */
  async function cancelledAt(deviceId: string, endedAt: Date): Promise<string> {
    const rpc = await store.rpcQueue.enqueue({ deviceId, service: 'provisioning', request: { method: 'GetRPCMethods' } }, new Date())
    await store.rpcQueue.cancel(rpc.id, endedAt)
    return rpc.id
  }

  it('deletes what ended before the retention and keeps the rest, queued RPCs included', async () => {
    const now = Date.now()
    const old = await cancelledAt('dev-a', new Date(now))
    const recent = await cancelledAt('dev-a', new Date(now + 2 * DAY_MS))
    const queued = await store.rpcQueue.enqueue({ deviceId: 'dev-a', service: 'provisioning', request: { method: 'GetRPCMethods' } }, new Date(now))
    const sweeper = new FinishedRpcSweeper(store.rpcQueue, 30, logger)
    expect(await sweeper.sweep(new Date(now + 31 * DAY_MS))).toBe(1)
    expect(await store.rpcQueue.get(old)).toBeNull()
    expect((await store.rpcQueue.listByDevice('dev-a')).map((r) => r.id)).toEqual([recent, queued.id])
  })

  it('deletes nothing when the retention is 0', async () => {
    const id = await cancelledAt('dev-b', new Date())
    expect(await new FinishedRpcSweeper(store.rpcQueue, 0, logger).sweep(new Date(Date.now() + 365 * DAY_MS))).toBe(0)
    expect(await store.rpcQueue.get(id)).not.toBeNull()
  })

  it('deletes a bounded number per run, in batches, and the rest on the next run', async () => {
    const now = Date.now()
    for (let i = 0; i < 5; i++) await cancelledAt('dev-c', new Date(now))
    const sweeper = new FinishedRpcSweeper(store.rpcQueue, 1, logger, 2, 2)
    expect(await sweeper.sweep(new Date(now + 2 * DAY_MS))).toBe(4)
    expect(await sweeper.sweep(new Date(now + 2 * DAY_MS))).toBe(1)
    expect(await store.rpcQueue.listByDevice('dev-c')).toEqual([])
  })
})
