/**
 * Checks a value (as the string sent on the wire) against a parameter's type and facets.
 * Returns why it is not allowed, phrased as "what was wrong; what is allowed", or undefined.
 */
import { isIP, isIPv6 } from 'node:net'
import type { BaseType } from './model-file.js'
import type { LengthRange, ParameterDef, ValueRange } from './types.js'
import { describeLengths, describeRanges, describeValues } from './describe-facets.js'

const INTEGER_LIMITS: Partial<Record<BaseType, readonly [bigint, bigint]>> = {
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  unsignedInt: [0n, 2n ** 32n - 1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  unsignedLong: [0n, 2n ** 64n - 1n],
}
const SIGNED_INTEGER = /^-?[0-9]+$/
const UNSIGNED_INTEGER = /^[0-9]+$/
const DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/
const BOOLEAN = new Set(['true', 'false', '1', '0'])
// TR-069 §A.2.3.2 / XML Schema dateTime: fractional seconds and the offset are optional.
const DATE_TIME = /^(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(Z|[+-]([0-9]{2}):([0-9]{2}))?$/
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const HEX = /^(?:[0-9A-Fa-f]{2})*$/

/** Why `value` is not a valid value of `def`, or undefined when it is. */
export function checkValue(def: ParameterDef, value: string): string | undefined {
  if (!def.list) return checkScalar(def, value)
  const { minItems, maxItems, maxLength, nested } = def.list
  const length = [...value].length
  if (maxLength !== undefined && length > maxLength) return `the list is ${length} characters long; at most ${maxLength} allowed`
  if (nested) return undefined
  // TR-106 §3.2.3: items are comma-separated, whitespace around an item is not part of it.
  const items = value === '' ? [] : value.split(',').map((item) => item.trim())
  if (minItems !== undefined && items.length < minItems) return `the list has ${items.length} items; at least ${minItems} required`
  if (maxItems !== undefined && items.length > maxItems) return `the list has ${items.length} items; at most ${maxItems} allowed`
  for (const item of items) {
    const reason = checkScalar(def, item)
    if (reason) return `list item ${JSON.stringify(item)}: ${reason}`
  }
  return undefined
}

function checkScalar(def: ParameterDef, value: string): string | undefined {
  switch (def.type) {
    case 'boolean':
      return BOOLEAN.has(value) ? undefined : `${JSON.stringify(value)} is not a boolean; allowed: true, false, 1, 0`
    case 'int':
    case 'long':
    case 'unsignedInt':
    case 'unsignedLong':
      return checkInteger(def.type, def.ranges, value)
    case 'decimal':
      return checkDecimal(def.ranges, value)
    case 'dateTime':
      return checkDateTime(value)
    case 'base64': {
      const compact = value.replace(/\s+/g, '')
      if (!BASE64.test(compact)) return `${JSON.stringify(value)} is not base64`
      const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0
      return checkLength(def.lengths, (compact.length / 4) * 3 - padding, 'bytes')
    }
    case 'hexBinary':
      if (!HEX.test(value)) return `${JSON.stringify(value)} is not hexBinary (an even number of hex digits)`
      return checkLength(def.lengths, value.length / 2, 'bytes')
    case 'string':
      return checkString(def, value)
  }
}

function checkString(def: ParameterDef, value: string): string | undefined {
  const patterns = def.patterns ?? []
  const matchesPattern = patterns.some((pattern) => compile(pattern).test(value))
  if (def.enumeration && !def.enumeration.includes(value) && !matchesPattern) {
    return `${JSON.stringify(value)} is not allowed; allowed: ${describeValues(def.enumeration)}`
  }
  if (def.readOnlyValues?.includes(value)) {
    const settable = (def.enumeration ?? []).filter((v) => !def.readOnlyValues?.includes(v))
    return `${JSON.stringify(value)} can only be reported by the CPE; the ACS may set ${describeValues(settable)}`
  }
  if (patterns.length > 0 && !def.enumeration && !matchesPattern) {
    return `${JSON.stringify(value)} does not match the required format (${patterns.map((p) => (p === '' ? 'empty' : p)).join(' or ')})`
  }
  const lengthReason = checkLength(def.lengths, [...value].length, 'characters')
  if (lengthReason) return lengthReason
  return checkNamedType(def.dataType, value)
}

function checkNamedType(dataType: string | undefined, value: string): string | undefined {
  // These named types carry no pattern in the XML; an empty string means "no address".
  if (value === '') return undefined
  if (dataType === 'IPAddress' && isIP(value) === 0) return `${JSON.stringify(value)} is not an IPv4 or IPv6 address`
  if (dataType === 'IPv6Address' && !isIPv6(value)) return `${JSON.stringify(value)} is not an IPv6 address`
  return undefined
}

function checkInteger(type: BaseType, ranges: readonly ValueRange[], value: string): string | undefined {
  const limits = INTEGER_LIMITS[type]
  if (!limits) return undefined
  const syntax = type.startsWith('unsigned') ? UNSIGNED_INTEGER : SIGNED_INTEGER
  if (!syntax.test(value)) return `${JSON.stringify(value)} is not a valid ${type}; expected ${type.startsWith('unsigned') ? 'digits' : 'an optional minus sign and digits'}`
  const n = BigInt(value)
  if (n < limits[0] || n > limits[1]) return `${value} is outside the ${type} range ${limits[0]} to ${limits[1]}`
  if (ranges.length === 0) return undefined
  const inRange = ranges.some((r) => {
    if (r.min !== undefined && n < BigInt(r.min)) return false
    if (r.max !== undefined && n > BigInt(r.max)) return false
    return r.step === undefined || (n - BigInt(r.min ?? 0)) % BigInt(r.step) === 0n
  })
  return inRange ? undefined : `${value} is out of range; allowed: ${describeRanges(ranges)}`
}

function checkDecimal(ranges: readonly ValueRange[], value: string): string | undefined {
  if (!DECIMAL.test(value)) return `${JSON.stringify(value)} is not a decimal number`
  const n = Number(value)
  if (ranges.length === 0) return undefined
  const inRange = ranges.some((r) => (r.min === undefined || n >= r.min) && (r.max === undefined || n <= r.max))
  return inRange ? undefined : `${value} is out of range; allowed: ${describeRanges(ranges)}`
}

function checkDateTime(value: string): string | undefined {
  const match = DATE_TIME.exec(value)
  const invalid = `${JSON.stringify(value)} is not a dateTime; expected e.g. 2025-01-31T12:00:00Z`
  if (!match) return invalid
  const [, year, month, day, hour, minute, second, , offsetHour, offsetMinute] = match.map(Number)
  if (year === undefined || month === undefined || day === undefined) return invalid
  const daysInMonth = new Date(Date.UTC(2000 + (year % 400), month, 0)).getUTCDate()
  const valid =
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth &&
    (hour ?? 0) <= 23 && (minute ?? 0) <= 59 && (second ?? 0) <= 59 &&
    (Number.isNaN(offsetHour) || (offsetHour ?? 0) <= 14) && (Number.isNaN(offsetMinute) || (offsetMinute ?? 0) <= 59)
  return valid ? undefined : invalid
}

function checkLength(lengths: readonly LengthRange[], length: number, unit: string): string | undefined {
  if (lengths.length === 0) return undefined
  const ok = lengths.some((l) => length >= l.min && (l.max === undefined || length <= l.max))
  return ok ? undefined : `the value is ${length} ${unit} long; allowed: ${describeLengths(lengths)} ${unit}`
}

const compiled = new Map<string, RegExp>()

function compile(pattern: string): RegExp {
  let regex = compiled.get(pattern)
  if (!regex) {
    // XML Schema patterns match the whole value, so anchor them.
    regex = new RegExp(`^(?:${pattern})$`, 'u')
    compiled.set(pattern, regex)
  }
  return regex
}
