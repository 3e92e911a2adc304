/** Human-readable summaries of facets, for fault messages that say what is allowed. */
import type { LengthRange, ValueRange } from './types.js'

const MAX_LISTED_VALUES = 20

/** "a, b, c" (the first 20 values, then how many more). */
export function describeValues(values: readonly string[]): string {
  if (values.length === 0) return 'no value'
  const shown = values.slice(0, MAX_LISTED_VALUES).map((v) => (v === '' ? '""' : v))
  const more = values.length - shown.length
  return more > 0 ? `${shown.join(', ')} (and ${more} more)` : shown.join(', ')
}

/** "1 or more", "0 to 63", "-1, 0 to 24", "-65536 to 65534 in steps of 2". */
export function describeRanges(ranges: readonly ValueRange[]): string {
  return ranges
    .map((r) => {
      const span =
        r.min !== undefined && r.max !== undefined
          ? r.min === r.max ? `${r.min}` : `${r.min} to ${r.max}`
          : r.min !== undefined ? `${r.min} or more`
          : r.max !== undefined ? `${r.max} or less`
          : 'any'
      return r.step === undefined ? span : `${span} in steps of ${r.step}`
    })
    .join(', ')
}

/** "at most 32", "0 or 36 to 260", "exactly 36". */
export function describeLengths(lengths: readonly LengthRange[]): string {
  const [only] = lengths
  if (lengths.length === 1 && only) {
    if (only.max === undefined) return `at least ${only.min}`
    if (only.min === 0) return `at most ${only.max}`
    if (only.min === only.max) return `exactly ${only.min}`
  }
  return lengths
    .map((l) => (l.max === undefined ? `${l.min} or more` : l.min === l.max ? `${l.min}` : `${l.min} to ${l.max}`))
    .join(' or ')
}
