/** Whether a reported value equals a desired one, by the parameter's type (CPEs format loosely). */
import type { XsdType } from '../desired/desired-state.js'

const TRUE = /^\s*(true|1)\s*$/i
const FALSE = /^\s*(false|0)\s*$/i
const INTEGER = /^\s*[+-]?\d+\s*$/

function bool(v: string): boolean | undefined {
  return TRUE.test(v) ? true : FALSE.test(v) ? false : undefined
}

function integer(v: string): bigint | undefined {
  return INTEGER.test(v) ? BigInt(v.trim().replace(/^\+/, '')) : undefined
}

/** Compares by type: booleans as 1/0/true/false, integers numerically, dateTimes as instants; else exactly. */
export function sameValue(type: XsdType, desired: string, reported: string): boolean {
  if (desired === reported) return true
  switch (type) {
    case 'xsd:boolean': {
      const a = bool(desired)
      return a !== undefined && a === bool(reported)
    }
    case 'xsd:int':
    case 'xsd:unsignedInt':
    case 'xsd:long':
    case 'xsd:unsignedLong': {
      const a = integer(desired)
      return a !== undefined && a === integer(reported)
    }
    case 'xsd:decimal': {
      const a = Number(desired)
      return desired.trim() !== '' && !Number.isNaN(a) && a === Number(reported)
    }
    case 'xsd:dateTime': {
      const a = Date.parse(desired)
      return !Number.isNaN(a) && a === Date.parse(reported)
    }
    default:
      return false
  }
}
