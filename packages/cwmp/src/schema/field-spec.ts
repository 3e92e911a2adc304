/**
 * The shape of the table-driven RPC schema shared by the decoder and the encoder: for each
 * struct or method, its argument elements in XSD order, their property names, types and
 * limits. One table, so the two directions cannot drift apart.
 */

/** XSD scalar kinds of RPC arguments. dateTime and base64 stay strings (kept as received). */
export type ScalarKind = 'string' | 'unsignedInt' | 'int' | 'boolean' | 'dateTime' | 'base64'

/** Special codecs written by hand: hot paths and the xsi:type-driven DU structures. */
export type CustomKind = 'parameterValue' | 'duOperations' | 'opResults' | 'autonOpResults'

/** What an argument element holds. */
export type FieldType =
  | { readonly kind: 'scalar'; readonly scalar: ScalarKind }
  | { readonly kind: 'struct'; readonly struct: StructSpec }
  | {
      readonly kind: 'array'
      /** arrayType prefix sent on encode, e.g. `cwmp:ParameterValueStruct` (the `[N]` is added). */
      readonly arrayType: string
      /** Member element name sent on encode; on decode any element child counts as a member. */
      readonly member: string
      readonly item: ItemType
      readonly minItems?: number
      readonly maxItems?: number
    }
  | { readonly kind: 'custom'; readonly custom: CustomKind }

/** The type of one array member. */
export type ItemType =
  | { readonly kind: 'scalar'; readonly scalar: ScalarKind; readonly maxLength?: number }
  | { readonly kind: 'struct'; readonly struct: StructSpec }
  | { readonly kind: 'parameterValue' }

/**
 * Whether a field must be present on input. `required` gives fault 8003 when it is missing;
 * `optional` (XSD minOccurs=0) leaves the property out; `defaulted` tolerates a CPE that omits
 * an argument whose absence means the same as its empty value (e.g. an empty CommandKey).
 * The encoder always writes required and defaulted fields.
 */
export type Presence = 'required' | 'optional' | 'defaulted'

/** One argument element. */
export interface FieldSpec {
  readonly xml: string
  readonly key: string
  readonly type: FieldType
  readonly presence: Presence
  /** Value used on decode when a `defaulted` field is missing (arrays are copied). */
  readonly fallback?: string | number | boolean | readonly never[]
  /** XSD maxLength checked before sending. */
  readonly maxLength?: number
}

/** A struct or an RPC element: its fields in XSD order plus a lookup by element name. */
export interface StructSpec {
  readonly name: string
  readonly fields: readonly FieldSpec[]
  readonly indexByXml: ReadonlyMap<string, number>
}

/** Builds a StructSpec from its fields. */
export function struct(name: string, fields: readonly FieldSpec[]): StructSpec {
  return { name, fields, indexByXml: new Map(fields.map((f, i) => [f.xml, i])) }
}

const scalarTypes: Readonly<Record<ScalarKind, FieldType>> = {
  string: { kind: 'scalar', scalar: 'string' },
  unsignedInt: { kind: 'scalar', scalar: 'unsignedInt' },
  int: { kind: 'scalar', scalar: 'int' },
  boolean: { kind: 'scalar', scalar: 'boolean' },
  dateTime: { kind: 'scalar', scalar: 'dateTime' },
  base64: { kind: 'scalar', scalar: 'base64' },
}

/** Options of a scalar field. */
export interface ScalarOptions {
  readonly maxLength?: number
  readonly presence?: Presence
}

/** A scalar field; `defaulted` fields fall back to '' / 0 / false. */
export function scalar(xml: string, key: string, kind: ScalarKind, options: ScalarOptions = {}): FieldSpec {
  const presence = options.presence ?? 'required'
  const fallback = kind === 'boolean' ? false : kind === 'unsignedInt' || kind === 'int' ? 0 : ''
  return {
    xml,
    key,
    type: scalarTypes[kind],
    presence,
    ...(presence === 'defaulted' ? { fallback } : {}),
    ...(options.maxLength === undefined ? {} : { maxLength: options.maxLength }),
  }
}

/** A nested struct field. */
export function nested(xml: string, key: string, spec: StructSpec): FieldSpec {
  return { xml, key, type: { kind: 'struct', struct: spec }, presence: 'required' }
}

/** Options of an array field. */
export interface ArrayOptions {
  readonly presence?: Presence
  readonly minItems?: number
  readonly maxItems?: number
}

/** A SOAP-encoded array field; `defaulted` arrays fall back to []. */
export function array(xml: string, key: string, arrayType: string, member: string, item: ItemType, options: ArrayOptions = {}): FieldSpec {
  const presence = options.presence ?? 'required'
  return {
    xml,
    key,
    type: {
      kind: 'array',
      arrayType,
      member,
      item,
      ...(options.minItems === undefined ? {} : { minItems: options.minItems }),
      ...(options.maxItems === undefined ? {} : { maxItems: options.maxItems }),
    },
    presence,
    ...(presence === 'defaulted' ? { fallback: [] } : {}),
  }
}

/** A field handled by a hand-written codec. */
export function custom(xml: string, key: string, kind: CustomKind, presence: Presence = 'required'): FieldSpec {
  return { xml, key, type: { kind: 'custom', custom: kind }, presence }
}

/** Item type: xsd:string members with an optional length limit. */
export function stringItem(maxLength?: number): ItemType {
  return maxLength === undefined ? { kind: 'scalar', scalar: 'string' } : { kind: 'scalar', scalar: 'string', maxLength }
}

/** Item type: a struct member. */
export function structItem(spec: StructSpec): ItemType {
  return { kind: 'struct', struct: spec }
}

/** Item type: ParameterValueStruct (hand-written hot path). */
export const PARAMETER_VALUE_ITEM: ItemType = { kind: 'parameterValue' }
