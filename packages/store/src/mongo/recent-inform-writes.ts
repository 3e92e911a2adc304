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

/** Writes of one device in flight: while two overlap, the database keeps whichever it applied last. */
interface InFlight {
  count: number
  overlapped: boolean
}

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
  private readonly inFlight = new Map<string, InFlight>()

  constructor(private readonly perGeneration = PER_GENERATION) {}

  /**
   * Runs `write` unless this process wrote the same fields for a `lastInformAt` less than a
   * resolution behind; returns its result, or null when skipped. Only a write that succeeded and
   * overlapped no other write of the device is remembered: a failed one may still have been
   * applied, and of two overlapping ones either may be the one the database kept.
   */
  async writeUnlessRepeated<T>(fields: InformRecord, write: () => Promise<T>): Promise<T | null> {
    const { deviceId } = fields
    const fingerprint = fingerprintOf(fields)
    const known = this.current.get(deviceId) ?? this.previous.get(deviceId)
    if (known && known.fingerprint === fingerprint && withinResolution(known.at, fields.lastInformAt)) return null
    this.forget(deviceId)
    const flight = this.inFlight.get(deviceId) ?? { count: 0, overlapped: false }
    flight.count++
    if (flight.count > 1) flight.overlapped = true
    this.inFlight.set(deviceId, flight)
    let result: T
    try {
      result = await write()
    } finally {
      if (--flight.count === 0) this.inFlight.delete(deviceId)
    }
    if (flight.overlapped) this.forget(deviceId)
    else this.remember(deviceId, { at: fields.lastInformAt.getTime(), fingerprint })
    return result
  }

  /** Number of devices remembered (both generations; a device may count twice). */
  get size(): number {
    return this.current.size + this.previous.size
  }

  private forget(deviceId: string): void {
    this.current.delete(deviceId)
    this.previous.delete(deviceId)
  }

  private remember(deviceId: string, written: Written): void {
    if (written.at - this.currentSince >= LAST_INFORM_RESOLUTION_MS || this.current.size >= this.perGeneration) {
      this.previous = this.current
      this.current = new Map()
      this.currentSince = written.at
    }
    this.current.set(deviceId, written)
  }
}
