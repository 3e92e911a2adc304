/**
 * fast-check arbitraries for every RPC body, derived from the codec's own field specs (so every
 * argument of every method is covered), with strings full of the characters XML makes awkward.
 */
import fc from 'fast-check'
import { CWMP_NAMESPACES, XSD_TYPES, type CwmpBody, type Envelope, type SoapHeader } from '@acs/cwmp'
import type { FieldSpec, ItemType, ScalarKind, StructSpec } from '../../src/schema/field-spec.js'
import { METHOD_SPECS } from '../../src/schema/registry.js'
import { AUTON_OP_RESULT, DU_OPERATION_SPECS, OP_RESULT, SET_PARAMETER_VALUES_FAULT } from '../../src/schema/structs.js'

const awkward = fc.constantFrom('&', '<', '>', '"', "'", '\r', '\n', '\r\n', '\t', ' ', ']]>', '&amp;', 'é', '😀', '中', '\u00a0')
const plain = fc.constantFrom(...'abcXYZ019._-:/?=[]{}#;,'.split(''))

/** A string XML 1.0 can carry, biased towards markup characters and whitespace. */
export function xmlString(maxLength = 40): fc.Arbitrary<string> {
  return fc.array(fc.oneof({ weight: 3, arbitrary: plain }, { weight: 2, arbitrary: awkward }), { maxLength: Math.min(maxLength, 40) })
    .map((parts) => {
      let s = ''
      for (const p of parts) if (s.length + p.length <= maxLength) s += p
      return s
    })
}

function scalarArb(kind: ScalarKind, maxLength?: number): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'unsignedInt':
      return fc.oneof(fc.constantFrom(0, 1, 4294967295), fc.integer({ min: 0, max: 4294967295 }))
    case 'int':
      return fc.oneof(fc.constantFrom(0, -1, 2147483647, -2147483648), fc.integer({ min: -2147483648, max: 2147483647 }))
    case 'boolean':
      return fc.boolean()
    default:
      return xmlString(maxLength ?? 40)
  }
}

const parameterValue = fc.record(
  { name: xmlString(256), value: xmlString(60), type: fc.constantFrom(...XSD_TYPES) },
  { noNullPrototype: true },
)

function itemArb(item: ItemType): fc.Arbitrary<unknown> {
  switch (item.kind) {
    case 'parameterValue':
      return parameterValue
    case 'scalar':
      return scalarArb(item.scalar, item.maxLength)
    case 'struct':
      return structArb(item.struct)
  }
}

function resultsArb(spec: StructSpec): fc.Arbitrary<unknown> {
  return fc.array(structArb(spec), { minLength: 1, maxLength: 3 })
}

const operation = fc.oneof(
  ...(['Install', 'Update', 'Uninstall'] as const).map((type) => structArb(DU_OPERATION_SPECS[type]).map((op) => ({ type, ...op }))),
)

function fieldArb(field: FieldSpec): fc.Arbitrary<unknown> {
  const { type } = field
  switch (type.kind) {
    case 'scalar':
      return scalarArb(type.scalar, field.maxLength)
    case 'struct':
      return structArb(type.struct)
    case 'array':
      return fc.array(itemArb(type.item), { minLength: type.minItems ?? 0, maxLength: Math.min(type.maxItems ?? 6, 6) })
    case 'custom':
      switch (type.custom) {
        case 'duOperations':
          return fc.array(operation, { minLength: 1, maxLength: 4 })
        case 'opResults':
          return resultsArb(OP_RESULT)
        case 'autonOpResults':
          return resultsArb(AUTON_OP_RESULT)
        case 'parameterValue':
          return parameterValue
      }
  }
}

/** An object for `spec`: every required field, optional ones sometimes. */
export function structArb(spec: StructSpec): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {}
  const required: string[] = []
  for (const field of spec.fields) {
    model[field.key] = fieldArb(field)
    if (field.presence !== 'optional') required.push(field.key)
  }
  return fc.record(model, { requiredKeys: required, noNullPrototype: true })
}

const faultBody = fc.record(
  {
    method: fc.constant('Fault'),
    faultCode: fc.constantFrom('Client', 'Server'),
    faultString: xmlString(),
    detail: fc.record(
      {
        faultCode: fc.integer({ min: 8000, max: 9899 }),
        faultString: xmlString(),
        setParameterValuesFault: fc.array(structArb(SET_PARAMETER_VALUES_FAULT), { minLength: 1, maxLength: 3 }),
      },
      { requiredKeys: ['faultCode', 'faultString'], noNullPrototype: true },
    ),
  },
  { noNullPrototype: true },
)

/** Any RPC body of the model. */
export const bodyArb: fc.Arbitrary<CwmpBody> = fc.oneof(
  ...[...METHOD_SPECS.values()].map((spec) => structArb(spec).map((fields) => ({ method: spec.name, ...fields }))),
  faultBody,
) as fc.Arbitrary<CwmpBody>

const version = fc.constantFrom('1.0', '1.1', '1.2', '1.3', '1.4')
const headerArb: fc.Arbitrary<SoapHeader> = fc.record(
  {
    id: xmlString(30).filter((s) => s === s.trim()),
    holdRequests: fc.boolean(),
    sessionTimeout: fc.integer({ min: 0, max: 4294967295 }),
    supportedCwmpVersions: fc.array(version, { minLength: 1, maxLength: 5 }),
    useCwmpVersion: version,
    noMoreRequests: fc.boolean(),
  },
  { requiredKeys: [], noNullPrototype: true },
)

/** Any envelope of the model. */
export const envelopeArb: fc.Arbitrary<Envelope> = fc.record(
  { namespace: fc.constantFrom(...CWMP_NAMESPACES), header: headerArb, body: bodyArb },
  { noNullPrototype: true },
)
