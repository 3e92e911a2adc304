import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEmbeddedStore, type Store } from '../src/index.js'
import { aDeviceId, aGetParameterValues, at } from './builders.js'
import { deviceRegistrySuite } from './device-registry-suite.js'
import { rpcQueueSuite } from './rpc-queue-suite.js'

describe('embedded store (LMDB)', () => {
  let dir: string
  let store: Store

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'acs-store-'))
    store = await openEmbeddedStore({ dir: join(dir, 'shared') })
  })
  afterAll(async () => {
    await store?.close()
    await rm(dir, { recursive: true, force: true })
  })

  rpcQueueSuite({ queue: () => store.rpcQueue, otherQueue: () => store.rpcQueue, exclusiveConcurrentClaims: true })
  deviceRegistrySuite({ devices: () => store.devices })

  it('creates a missing data directory', async () => {
    const nested = join(dir, 'a', 'b', 'c')
    const created = await openEmbeddedStore({ dir: nested })
    await created.close()
    expect((await stat(nested)).isDirectory()).toBe(true)
  })

  it('keeps queued RPCs and devices across a close and reopen', async () => {
    const path = join(dir, 'durable')
    const device = aDeviceId()
    const first = await openEmbeddedStore({ dir: path })
    const rpc = await first.rpcQueue.enqueue(aGetParameterValues(device, { idempotencyKey: 'once' }), at(0))
    await first.rpcQueue.claimNext(device, 's1', at(1))
    await first.devices.putCredentials({ deviceId: device, cpe: { username: 'u', password: 'p' }, updatedAt: at(0) })
    await first.close()

    const reopened = await openEmbeddedStore({ dir: path })
    try {
      expect(await reopened.rpcQueue.get(rpc.id)).toMatchObject({ status: 'sent', sessionId: 's1', sentAt: at(1) })
      expect((await reopened.rpcQueue.enqueue(aGetParameterValues(device, { idempotencyKey: 'once' }), at(2))).id).toBe(rpc.id)
      expect((await reopened.rpcQueue.claimNext(device, 's2', at(3)))?.attempts).toBe(2)
      expect(await reopened.devices.getCredentials(device)).toMatchObject({ cpe: { username: 'u', password: 'p' } })
    } finally {
      await reopened.close()
    }
  })
})
