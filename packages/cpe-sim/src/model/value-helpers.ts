import type { ParameterDef } from '@acs/data-model'
import type { DeviceFacts, ProfileParam, ValueContext, ValueFn } from './profile-types.js'

/** CWMP's "Unknown Time" (§3.3). */
export const UNKNOWN_TIME = '0001-01-01T00:00:00Z'

/** FNV-1a hash of a string, for per-parameter variation. */
export function hashString(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** A deterministic integer in [0, 2^32) for (device, parameter, salt). */
export function mix(seed: number, hash: number, salt = 0): number {
  let h = (seed ^ Math.imul(hash, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0
  return (h ^ (h >>> 16)) >>> 0
}

/** A MAC address: the device OUI followed by its base NIC part plus `offset`. */
export function macOf(facts: DeviceFacts, offset: number): string {
  const nic = (facts.macBase + offset) & 0xffffff
  const hex = facts.oui + nic.toString(16).toUpperCase().padStart(6, '0')
  return hex.match(/../g)?.join(':') ?? hex
}

/** Seconds since the device booted. */
export function uptimeSeconds(ctx: ValueContext, now: number): number {
  return Math.max(0, Math.floor((now - ctx.bootedAt) / 1000))
}

/** ISO dateTime without milliseconds. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

/** A counter growing with uptime at a per-device, per-parameter rate within [lo, hi] units per second. */
export function counter(lo: number, hi: number): ValueFn {
  return (ctx, p, now) => {
    const rate = lo + (mix(ctx.facts.seed, p.hash) % 10_000) / 10_000 * (hi - lo)
    return String(Math.floor(uptimeSeconds(ctx, now) * rate))
  }
}

/** A value picked once per device and parameter from a list. */
export function pickPerDevice(values: readonly string[]): ValueFn {
  return (ctx, p) => values[mix(ctx.facts.seed, p.hash) % values.length] as string
}

/** An integer chosen once per device and parameter in [lo, hi]. */
export function intPerDevice(lo: number, hi: number): ValueFn {
  return (ctx, p) => String(lo + (mix(ctx.facts.seed, p.hash) % (hi - lo + 1)))
}

/** Instance number `depth` (0 = outermost) of the parameter's path. */
export function instanceAt(p: ProfileParam, depth: number): number {
  return p.instances[depth] ?? 1
}

/** `<Table>NumberOfEntries`: the live count of the sibling table (changes with Add/DeleteObject). */
export function countOfTable(tableName: string): ValueFn {
  return (ctx, p) => String(ctx.countInstances(`${p.object}${tableName}.`))
}

/** The value a parameter has when nothing else is known: its default, first enumeration value or the type's zero. */
export function defaultValueOf(def: ParameterDef): string {
  if (def.default !== undefined && !def.default.startsWith('<')) return def.default
  if (def.enumeration && def.enumeration.length > 0) return def.enumeration[0] as string
  switch (def.type) {
    case 'boolean':
      return 'false'
    case 'int':
    case 'long':
    case 'unsignedInt':
    case 'unsignedLong':
    case 'decimal':
      return def.min !== undefined && def.min > 0 ? String(def.min) : '0'
    case 'dateTime':
      return UNKNOWN_TIME
    default:
      return ''
  }
}

/** Expands {serial}, {oui} and {productClass} in a fleet setting for one device. */
export function expandFor(template: string, facts: DeviceFacts): string {
  if (!template.includes('{')) return template
  return template.replaceAll('{serial}', facts.serial).replaceAll('{oui}', facts.oui).replaceAll('{productClass}', facts.productClass)
}

/** A fleet setting expanded for the device. */
export function setting(key: 'acsUrl' | 'username' | 'password' | 'connectionRequestUsername' | 'connectionRequestPassword'): ValueFn {
  return (ctx) => expandFor(ctx.settings[key], ctx.facts)
}
