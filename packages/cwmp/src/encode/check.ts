/** Runtime checks of the object being encoded: the encoder also guards JSON from outside (CLI). */
import { CwmpEncodeError } from '../errors.js'

/** Reads a property of something that must be an object. */
export function asRecord(value: unknown, where: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CwmpEncodeError(`${where}: expected an object`)
  }
  return value as Readonly<Record<string, unknown>>
}

/** A string, optionally at most `maxLength` characters (XSD limit). */
export function checkString(value: unknown, where: string, maxLength?: number): string {
  if (typeof value !== 'string') throw new CwmpEncodeError(`${where}: expected a string`)
  if (maxLength !== undefined && value.length > maxLength) {
    throw new CwmpEncodeError(`${where}: longer than ${maxLength} characters`)
  }
  return value
}

/** An integer within [min, max]. */
export function checkInteger(value: unknown, where: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new CwmpEncodeError(`${where}: expected an integer in ${min}..${max}`)
  }
  return value
}

/** A boolean. */
export function checkBoolean(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw new CwmpEncodeError(`${where}: expected a boolean`)
  return value
}

/** An array with a count in [min, max]. */
export function checkArray(value: unknown, where: string, min = 0, max = Number.MAX_SAFE_INTEGER): readonly unknown[] {
  if (!Array.isArray(value)) throw new CwmpEncodeError(`${where}: expected an array`)
  if (value.length < min || value.length > max) {
    throw new CwmpEncodeError(`${where}: expected ${min === max ? min : `${min}..${max === Number.MAX_SAFE_INTEGER ? 'n' : max}`} entries, got ${value.length}`)
  }
  return value as readonly unknown[]
}
