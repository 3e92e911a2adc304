import type { InformRecord } from './device-registry.js'

/**
 * How stale `lastInformAt` may get: an Inform that changes nothing but `lastInformAt`, within this
 * long of the last one written, writes nothing (no LMDB commit and disk flush, no MongoDB update
 * per Inform). A device's other fields are always written when they change.
 */
export const LAST_INFORM_RESOLUTION_MS = 30_000

/** True if an Inform at `next` comes less than LAST_INFORM_RESOLUTION_MS after one written at `writtenMs` (and not before it). */
export function withinResolution(writtenMs: number, next: Date): boolean {
  const ahead = next.getTime() - writtenMs
  return ahead >= 0 && ahead < LAST_INFORM_RESOLUTION_MS
}

/** True if `fields` repeat `known` (a stored record) except for a `lastInformAt` less than a resolution ahead. */
export function onlyLastInformMoved(known: InformRecord, fields: InformRecord): boolean {
  if (!withinResolution(known.lastInformAt.getTime(), fields.lastInformAt)) return false
  for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
    if (key !== 'lastInformAt' && fields[key] !== known[key]) return false
  }
  return true
}
