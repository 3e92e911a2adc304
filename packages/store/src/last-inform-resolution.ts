import type { DeviceRecord } from './device-registry.js'

/**
 * How stale `lastInformAt` may get: an Inform that changes nothing but `lastInformAt`, within this
 * long of the last one written, writes nothing (no LMDB commit and disk flush, no MongoDB update
 * per Inform). A device's other fields are always written when they change.
 */
export const LAST_INFORM_RESOLUTION_MS = 30_000

/** True if `fields` repeat `known` except for a `lastInformAt` less than LAST_INFORM_RESOLUTION_MS ahead. */
export function onlyLastInformMoved(known: Omit<DeviceRecord, 'firstSeenAt'>, fields: Omit<DeviceRecord, 'firstSeenAt'>): boolean {
  const ahead = fields.lastInformAt.getTime() - known.lastInformAt.getTime()
  if (!(ahead >= 0 && ahead < LAST_INFORM_RESOLUTION_MS)) return false
  for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
    if (key !== 'lastInformAt' && fields[key] !== known[key]) return false
  }
  return true
}
