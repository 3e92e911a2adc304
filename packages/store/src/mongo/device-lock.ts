import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Collection } from 'mongodb'
import { StoreBusyError } from '../errors.js'
import { isDuplicateKeyError } from './mongo-errors.js'

/** Serializes the writes to one device's queue, for servers whose single-document updates are not atomic. */
export interface DeviceLock {
  run<T>(deviceId: string, fn: () => Promise<T>): Promise<T>
}

/** A lock document: present while a writer holds the device; a crashed holder's lease runs out. */
export interface DeviceLockDocument {
  _id: string
  owner: string
  until: Date
}

/** Lease and wait limits of `leaseDeviceLock`. */
export interface LeaseOptions {
  /** How long a holder may keep the lock before others may break it (covers a crashed holder). */
  leaseMs?: number
  /** How long to wait for the lock before giving up with StoreBusyError. */
  waitMs?: number
}

/**
 * A device lock built on the one write that FerretDB v1 does make atomic: an insert into a
 * unique `_id`. Its findAndModify/update read the document, then overwrite it by `_id` with
 * no condition, so two concurrent claims can both "win". Leases use the wall clock, never the
 * injected `now` of the queue methods.
 */
export function leaseDeviceLock(locks: Collection<DeviceLockDocument>, options: LeaseOptions = {}): DeviceLock {
  const leaseMs = options.leaseMs ?? 10_000
  const waitMs = options.waitMs ?? 15_000

  async function acquire(deviceId: string): Promise<string> {
    const owner = randomUUID()
    const giveUpAt = Date.now() + waitMs
    for (let attempt = 0; ; attempt++) {
      try {
        await locks.insertOne({ _id: deviceId, owner, until: new Date(Date.now() + leaseMs) })
        return owner
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error
      }
      const held = await locks.findOne({ _id: deviceId })
      if (held && held.until.getTime() < Date.now()) {
        await locks.deleteOne({ _id: deviceId, owner: held.owner })
        continue
      }
      if (Date.now() > giveUpAt) throw new StoreBusyError(`the queue of device ${deviceId} stayed locked for ${waitMs} ms`)
      await sleep(Math.min(1 + attempt * 2, 25) * (0.5 + Math.random()))
    }
  }

  return {
    async run(deviceId, fn) {
      const owner = await acquire(deviceId)
      try {
        return await fn()
      } finally {
        await locks.deleteOne({ _id: deviceId, owner })
      }
    },
  }
}
