/** Matching a profile's (or a bulk task's) filter against what is known of a device. */
import type { DeviceFacts } from './device-facts.js'
import type { DeviceFilter, StringMatch } from './profile.schema.js'

/** 'unknown' when the answer depends on a fact not learned yet (e.g. the model name before the first read). */
export type MatchResult = 'match' | 'no-match' | 'unknown'

const globCache = new Map<string, RegExp>()

/** A glob (`*` any run, `?` one character) as an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  let re = globCache.get(glob)
  if (!re) {
    const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*+/g, '.*').replace(/\?/g, '.')
    re = new RegExp(`^${body}$`, 's')
    if (globCache.size > 1000) globCache.clear()
    globCache.set(glob, re)
  }
  return re
}

/** Whether one value satisfies one string condition. */
export function matchString(condition: StringMatch, value: string): boolean {
  if (typeof condition === 'string') return value === condition
  if ('in' in condition) return condition.in.includes(value)
  if ('prefix' in condition) return value.startsWith(condition.prefix)
  return globToRegExp(condition.glob).test(value)
}

/** Evaluates every condition of the filter; an empty filter matches every device. */
export function matchFilter(filter: DeviceFilter, facts: DeviceFacts): MatchResult {
  let unknown = false
  const check = (condition: StringMatch | undefined, value: string | undefined): boolean => {
    if (condition === undefined) return true
    if (value === undefined) {
      unknown = true
      return true
    }
    return matchString(condition, value)
  }
  const ok =
    check(filter.oui, facts.oui) &&
    check(filter.productClass, facts.productClass) &&
    check(filter.manufacturer, facts.manufacturer) &&
    check(filter.serialNumber, facts.serialNumber) &&
    check(filter.modelName, facts.modelName) &&
    check(filter.softwareVersion, facts.softwareVersion) &&
    check(filter.hardwareVersion, facts.hardwareVersion) &&
    (filter.dataModelRoot === undefined || filter.dataModelRoot === facts.dataModelRoot) &&
    (filter.deviceIds === undefined || filter.deviceIds.includes(facts.deviceId)) &&
    matchTags(filter.tags, facts.tags)
  if (!ok) return 'no-match'
  return unknown ? 'unknown' : 'match'
}

function matchTags(tags: DeviceFilter['tags'], have: readonly string[]): boolean {
  if (!tags) return true
  if (tags.all && !tags.all.every((t) => have.includes(t))) return false
  if (tags.any && tags.any.length > 0 && !tags.any.some((t) => have.includes(t))) return false
  if (tags.none && tags.none.some((t) => have.includes(t))) return false
  return true
}
