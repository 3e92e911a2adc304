import type { DeviceSessionEntry } from '../session/session-codec.js'

/** Past this many devices the oldest half is dropped: sessions that ended elsewhere or died are never removed here. */
const MAX_DEVICES = 10_000

/**
 * The session entries this replica wrote, by device, with the revision the KV gave each write. A
 * session's next request usually comes back to the replica that wrote its entry, and a revision
 * names exactly one write: reading the entry at that revision needs no decode (JSON parse and
 * schema check of the whole state). Another revision (another replica wrote since) is decoded as
 * usual. The entries are never mutated, by the session code or here.
 */
export class WrittenEntries {
  private readonly byDevice = new Map<string, { revision: number; entry: DeviceSessionEntry }>()

  constructor(private readonly maxDevices = MAX_DEVICES) {}

  remember(deviceId: string, revision: number, entry: DeviceSessionEntry): void {
    this.byDevice.delete(deviceId)
    this.byDevice.set(deviceId, { revision, entry })
    if (this.byDevice.size > this.maxDevices) {
      let drop = this.byDevice.size - this.maxDevices / 2
      for (const key of this.byDevice.keys()) {
        if (drop-- <= 0) break
        this.byDevice.delete(key)
      }
    }
  }

  /** The entry this replica wrote for the device at exactly `revision`, if it still knows it. */
  at(deviceId: string, revision: number): DeviceSessionEntry | undefined {
    const known = this.byDevice.get(deviceId)
    return known?.revision === revision ? known.entry : undefined
  }

  forget(deviceId: string): void {
    this.byDevice.delete(deviceId)
  }

  clear(): void {
    this.byDevice.clear()
  }

  get size(): number {
    return this.byDevice.size
  }
}
