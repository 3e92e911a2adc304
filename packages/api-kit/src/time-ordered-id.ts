import { randomBytes } from 'node:crypto'

let lastMs = -1
let counter = 0

/**
 * A 24-hex-digit id that sorts by creation time: 48-bit milliseconds, a 16-bit per-process
 * counter (so ids made in the same millisecond keep their order), then 32 random bits.
 */
export function timeOrderedId(now: Date): string {
  const ms = now.getTime()
  if (ms === lastMs) counter = (counter + 1) & 0xffff
  else {
    lastMs = ms
    counter = 0
  }
  return ms.toString(16).padStart(12, '0').slice(-12) + counter.toString(16).padStart(4, '0') + randomBytes(4).toString('hex')
}

/** True for strings shaped like a timeOrderedId. */
export function isTimeOrderedId(value: string): boolean {
  return /^[0-9a-f]{24}$/.test(value)
}
