import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { open } from 'lmdb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEVICE_REGISTRY_DBS, openEmbeddedStore, type DeviceRecord, type Store } from '../src/index.js'
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

  it('answers a ping while open and refuses it once closed', async () => {
    const separate = await openEmbeddedStore({ dir: join(dir, 'ping') })
    await expect(separate.ping(1_000)).resolves.toBeUndefined()
    await separate.close()
    await expect(separate.ping(1_000)).rejects.toThrow(/closed/)
  })

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

  it('reads device records written before the registry shared their structures, and keeps both kinds across a reopen', async () => {
    const path = join(dir, 'older-records')
    const older = aDeviceId()
    const record: DeviceRecord = {
      deviceId: older,
      oui: '000000',
      productClass: 'Test',
      serialNumber: 'SN-OLD',
      manufacturer: 'ACME',
      lastInformAt: at(0),
      firstSeenAt: at(0),
      lastRemoteAddress: '127.0.0.1',
      cwmpVersion: '1.0',
      namespace: 'urn:dslforum-org:cwmp-1-0',
      dataModelRoot: 'InternetGatewayDevice.',
    }
    // As the registry wrote them before: the default msgpack encoding, each record carrying its layout.
    const raw = open({ path, compression: false, maxDbs: 64 })
    await raw.openDB<DeviceRecord, string>(DEVICE_REGISTRY_DBS.devices, {}).put(older, record)
    await raw.close()

    const newer = aDeviceId()
    const first = await openEmbeddedStore({ dir: path })
    expect(await first.devices.get(older)).toEqual(record)
    await first.devices.recordInform({ ...record, lastInformAt: at(120), softwareVersion: '2.0' })
    await first.devices.recordInform({ ...record, deviceId: newer, serialNumber: 'SN-NEW', lastInformAt: at(60) })
    await first.close()

    const reopened = await openEmbeddedStore({ dir: path })
    try {
      expect(await reopened.devices.get(older)).toEqual({ ...record, lastInformAt: at(120), softwareVersion: '2.0' })
      expect(await reopened.devices.get(newer)).toEqual({ ...record, deviceId: newer, serialNumber: 'SN-NEW', lastInformAt: at(60), firstSeenAt: at(60) })
    } finally {
      await reopened.close()
    }
  })
})
