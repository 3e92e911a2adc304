import type { InformRecord } from '../device-registry.js'
import { LAST_INFORM_RESOLUTION_MS, withinResolution } from '../last-inform-resolution.js'

/** Past this many devices in one generation, the memo rotates early: memory stays bounded at any Inform rate. */
const PER_GENERATION = 20_000

// Every field of a record but the two times, in a fixed order: a record's fingerprint.
const FINGERPRINT_KEYS = [
  'deviceId',
  'oui',
  'productClass',
  'serialNumber',
  'manufacturer',
  'lastRemoteAddress',
  'cwmpVersion',
  'namespace',
  'dataModelRoot',
  'connectionRequestUrl',
  'udpConnectionRequestAddress',
  'softwareVersion',
] as const satisfies readonly (keyof InformRecord)[]
// A field added to DeviceRecord but not to the list fails to compile here (it would never count as a change).
const _everyField: Exclude<keyof InformRecord, 'lastInformAt' | (typeof FINGERPRINT_KEYS)[number]> extends never ? true : never = true

/**
 * A written record as remembered: its time and the JSON of its other fields. A fresh string, so the
 * memo never keeps alive the request text the record's strings were sliced from.
 */
interface Written {
  at: number
  fingerprint: string
}

const fingerprintOf = (fields: InformRecord): string => JSON.stringify(fields, FINGERPRINT_KEYS as unknown as string[])

/**
 * What this process last wrote to the device registry per device, for about one
 * LAST_INFORM_RESOLUTION_MS: the MongoDB repository's counterpart of the embedded store's read of
 * the stored record, without a round trip. Two generations of maps, the older dropped whole when
 * the newer is a resolution old (or full), so no per-device expiry is needed; a device found in
 * neither simply writes. A fingerprint that differs in any way (a field the CPE left out this
 * time included) also writes: a skipped change is the only mistake it must not make.
 */
export class RecentInformWrites {
  private current = new Map<string, Written>()
  private previous = new Map<string, Written>()
  private currentSince = Number.NEGATIVE_INFINITY

  constructor(private readonly perGeneration = PER_GENERATION) {}

  /**
   * Runs `write` unless this process wrote the same fields for a `lastInformAt` less than a
   * resolution behind; returns its result, or null when skipped.
   */
  async writeUnlessRepeated<T>(fields: InformRecord, write: () => Promise<T>): Promise<T | null> {
    const fingerprint = fingerprintOf(fields)
    const known = this.lookup(fields.deviceId)
    if (known && known.fingerprint === fingerprint && withinResolution(known.at, fields.lastInformAt)) return null
    // A write that fails may still have reached the database: the device is unknown until one succeeds.
    this.current.delete(fields.deviceId)
    this.previous.delete(fields.deviceId)
    const result = await write()
    this.remember(fields.deviceId, { at: fields.lastInformAt.getTime(), fingerprint })
    return result
  }

  /** Number of devices remembered (both generations; a device may count twice). */
  get size(): number {
    return this.current.size + this.previous.size
  }

  private lookup(deviceId: string): Written | undefined {
    return this.current.get(deviceId) ?? this.previous.get(deviceId)
  }

  private remember(deviceId: string, written: Written): void {
    // Two writes of one device in flight (a re-sent Inform superseding its session) finish in any order: keep the newer.
    const known = this.lookup(deviceId)
    if (known && known.at > written.at) return
    if (written.at - this.currentSince >= LAST_INFORM_RESOLUTION_MS || this.current.size >= this.perGeneration) {
      this.previous = this.current
      this.current = new Map()
      this.currentSince = written.at
    }
    this.current.set(deviceId, written)
  }
}
