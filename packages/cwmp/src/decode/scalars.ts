/** Coercion of argument text to the model's scalar types, lenient where real CPEs are sloppy (§15). */
import { CwmpParseError } from '../errors.js'
import type { XsdType } from '../types.js'
import type { ScalarKind } from '../schema/field-spec.js'
import { XSI_NS } from '../namespaces.js'
import { decodeEntities } from './entities.js'
import { namespaceOf, type Scope } from './scope.js'
import type { XAttrs } from './xml-tree.js'

const UNSIGNED = /^\s*\+?(\d{1,16})\s*$/
const SIGNED = /^\s*([+-]?\d{1,16})\s*$/

function invalid(where: string, kind: string, text: string): CwmpParseError {
  const shown = text.length > 40 ? `${text.slice(0, 40)}...` : text
  return new CwmpParseError(`${where}: invalid ${kind} ${JSON.stringify(shown)}`, 8003)
}

/** An unsignedInt: whitespace and leading zeros allowed. */
export function toUnsigned(text: string, where: string): number {
  const m = UNSIGNED.exec(text)
  const n = m === null ? Number.NaN : Number(m[1])
  if (!Number.isSafeInteger(n)) throw invalid(where, 'unsignedInt', text)
  return n
}

/** An int: optional sign, whitespace and leading zeros allowed. */
export function toSigned(text: string, where: string): number {
  const m = SIGNED.exec(text)
  const n = m === null ? Number.NaN : Number(m[1])
  if (!Number.isSafeInteger(n)) throw invalid(where, 'int', text)
  return n === 0 ? 0 : n
}

/** A boolean: true/false in any case, or 1/0, with surrounding whitespace. */
export function toBoolean(text: string, where: string): boolean {
  const t = text.trim()
  if (t === '1' || t === 'true') return true
  if (t === '0' || t === 'false') return false
  const lower = t.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  throw invalid(where, 'boolean', text)
}

/** Coerces the text of a scalar argument; strings, dateTimes and base64 are kept exactly as sent. */
export function coerceScalar(kind: ScalarKind, text: string, where: string): string | number | boolean {
  switch (kind) {
    case 'unsignedInt':
      return toUnsigned(text, where)
    case 'int':
      return toSigned(text, where)
    case 'boolean':
      return toBoolean(text, where)
    default:
      return text
  }
}

const XSD_TYPE_BY_LOCAL: ReadonlyMap<string, XsdType> = new Map<string, XsdType>([
  ['string', 'xsd:string'],
  ['int', 'xsd:int'],
  ['unsignedint', 'xsd:unsignedInt'],
  ['long', 'xsd:long'],
  ['unsignedlong', 'xsd:unsignedLong'],
  ['boolean', 'xsd:boolean'],
  ['datetime', 'xsd:dateTime'],
  ['base64', 'xsd:base64'],
  ['base64binary', 'xsd:base64'],
  ['hexbinary', 'xsd:hexBinary'],
  ['decimal', 'xsd:decimal'],
])

/** Normalises an xsi:type value (`xsd:UnsignedInt`, `string`, `SOAP-ENC:string`...); unknown -> xsd:string. */
export function normaliseXsdType(value: string): XsdType {
  const t = value.trim()
  const colon = t.indexOf(':')
  const local = colon < 0 ? t : t.slice(colon + 1)
  return XSD_TYPE_BY_LOCAL.get(local) ?? XSD_TYPE_BY_LOCAL.get(local.toLowerCase()) ?? 'xsd:string'
}

/**
 * The raw xsi:type attribute value of an element: an attribute `type` whose prefix is bound to the
 * XSI namespace, else (prefix undeclared, §15) any prefixed attribute named `type`.
 */
export function xsiTypeOf(attrs: XAttrs | undefined, scope: Scope): string | undefined {
  if (attrs === undefined) return undefined
  let fallback: string | undefined
  for (let i = 0; i < attrs.length; i += 2) {
    const name = attrs[i] as string
    if (!name.endsWith(':type')) continue
    const value = attrs[i + 1] as string
    if (namespaceOf(name, scope, true) === XSI_NS) return decodeEntities(value)
    fallback ??= value
  }
  return fallback === undefined ? undefined : decodeEntities(fallback)
}
