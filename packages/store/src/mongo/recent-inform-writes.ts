import type { DeviceRecord } from '../device-registry.js'
import { LAST_INFORM_RESOLUTION_MS, onlyLastInformMoved } from '../last-inform-resolution.js'

type InformFields = Omit<DeviceRecord, 'firstSeenAt'>

/** Past this many devices in one generation, the memo rotates early: memory stays bounded at any Inform rate. */
export const RECENT_INFORM_WRITES_PER_GENERATION = 20_000

/**
 * What this process last wrote to the device registry per device, for about one
 * LAST_INFORM_RESOLUTION_MS: the MongoDB repository's counterpart of the embedded store's read of
 * the stored record, without a round trip. Two generations of maps, the older dropped whole when
 * the newer is a resolution old (or full), so no per-device expiry is needed; a device found in
 * neither simply writes.
 */
export class RecentInformWrites {
  private current = new Map<string, InformFields>()
  private previous = new Map<string, InformFields>()
  private currentSince = Number.NEGATIVE_INFINITY

  constructor(private readonly perGeneration = RECENT_INFORM_WRITES_PER_GENERATION) {}

  /** True if this process wrote `fields` already, but for a `lastInformAt` less than a resolution behind. */
  unchanged(fields: InformFields): boolean {
    const known = this.current.get(fields.deviceId) ?? this.previous.get(fields.deviceId)
    return known !== undefined && onlyLastInformMoved(known, fields)
  }

  /** Records a write that reached the database. */
  remember(fields: InformFields): void {
    const now = fields.lastInformAt.getTime()
    if (now - this.currentSince >= LAST_INFORM_RESOLUTION_MS || this.current.size >= this.perGeneration) {
      this.previous = this.current
      this.current = new Map()
      this.currentSince = now
    }
    this.current.set(fields.deviceId, fields)
  }

  /** Number of devices remembered (both generations; a device may count twice). */
  get size(): number {
    return this.current.size + this.previous.size
  }
}
