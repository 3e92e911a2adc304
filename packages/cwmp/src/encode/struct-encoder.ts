/**
 * Table-driven encoding of an RPC element's arguments or a struct: fields in XSD order,
 * unqualified, every value checked against its type and XSD limit on the way out.
 */
import { CwmpEncodeError } from '../errors.js'
import type { FieldSpec, ItemType, ScalarKind, StructSpec } from '../schema/field-spec.js'
import { DU_OPERATION_SPECS, LIMITS } from '../schema/structs.js'
import { AUTON_OP_RESULT, OP_RESULT } from '../schema/structs.js'
import { XSD_TYPES } from '../types.js'
import { asRecord, checkArray, checkBoolean, checkInteger, checkString } from './check.js'
import { escapeText } from './escape.js'
import type { EncodeSettings } from './options.js'

const UINT_MAX = 4294967295
const INT_MIN = -2147483648
const INT_MAX = 2147483647
const xsdTypes: ReadonlySet<string> = new Set(XSD_TYPES)

function scalarText(kind: ScalarKind, value: unknown, where: string, settings: EncodeSettings, maxLength?: number): string {
  switch (kind) {
    case 'unsignedInt':
      return String(checkInteger(value, where, 0, UINT_MAX))
    case 'int':
      return String(checkInteger(value, where, INT_MIN, INT_MAX))
    case 'boolean':
      return checkBoolean(value, where) ? settings.trueText : settings.falseText
    default:
      return escapeText(checkString(value, where, maxLength), where)
  }
}

function encodeParameterValue(value: unknown, where: string): string {
  const pv = asRecord(value, where)
  const name = escapeText(checkString(pv.name, `${where}.name`, LIMITS.name), `${where}.name`)
  const type = checkString(pv.type, `${where}.type`)
  if (!xsdTypes.has(type)) throw new CwmpEncodeError(`${where}.type: ${JSON.stringify(type)} is not one of ${XSD_TYPES.join(', ')}`)
  const text = escapeText(checkString(pv.value, `${where}.value`), `${where}.value`)
  return `<ParameterValueStruct><Name>${name}</Name><Value xsi:type="${type}">${text}</Value></ParameterValueStruct>`
}

function encodeItem(item: ItemType, member: string, value: unknown, where: string, settings: EncodeSettings): string {
  switch (item.kind) {
    case 'parameterValue':
      return encodeParameterValue(value, where)
    case 'scalar':
      return `<${member}>${scalarText(item.scalar, value, where, settings, item.maxLength)}</${member}>`
    case 'struct':
      return `<${member}>${encodeFields(item.struct, asRecord(value, where), where, settings)}</${member}>`
  }
}

function encodeOperations(value: unknown, where: string, settings: EncodeSettings): string {
  let out = ''
  checkArray(value, where, 1).forEach((entry, i) => {
    const op = asRecord(entry, `${where}[${i}]`)
    const type = op.type
    if (type !== 'Install' && type !== 'Update' && type !== 'Uninstall') {
      throw new CwmpEncodeError(`${where}[${i}].type: expected Install, Update or Uninstall`)
    }
    const spec = DU_OPERATION_SPECS[type]
    out += `<Operations xsi:type="cwmp:${spec.name}">${encodeFields(spec, op, `${where}[${i}]`, settings)}</Operations>`
  })
  return out
}

function encodeResults(spec: StructSpec, value: unknown, where: string, settings: EncodeSettings): string {
  let out = ''
  checkArray(value, where, 1).forEach((entry, i) => {
    out += `<Results>${encodeFields(spec, asRecord(entry, `${where}[${i}]`), `${where}[${i}]`, settings)}</Results>`
  })
  return out
}

function encodeField(field: FieldSpec, value: unknown, where: string, settings: EncodeSettings): string {
  const { xml, type } = field
  switch (type.kind) {
    case 'scalar':
      return `<${xml}>${scalarText(type.scalar, value, where, settings, field.maxLength)}</${xml}>`
    case 'struct':
      return `<${xml}>${encodeFields(type.struct, asRecord(value, where), where, settings)}</${xml}>`
    case 'array': {
      const items = checkArray(value, where, type.minItems, type.maxItems)
      let out = `<${xml} soapenc:arrayType="${type.arrayType}[${items.length}]">`
      for (let i = 0; i < items.length; i++) out += encodeItem(type.item, type.member, items[i], `${where}[${i}]`, settings)
      return `${out}</${xml}>`
    }
    case 'custom':
      switch (type.custom) {
        case 'duOperations':
          return encodeOperations(value, where, settings)
        case 'opResults':
          return encodeResults(OP_RESULT, value, where, settings)
        case 'autonOpResults':
          return encodeResults(AUTON_OP_RESULT, value, where, settings)
        case 'parameterValue':
          return encodeParameterValue(value, where)
      }
  }
}

/** Encodes the fields of `spec` read from `obj`; `where` prefixes error messages (e.g. `body`). */
export function encodeFields(spec: StructSpec, obj: Readonly<Record<string, unknown>>, where: string, settings: EncodeSettings): string {
  let out = ''
  for (const field of spec.fields) {
    const value = obj[field.key]
    if (value === undefined) {
      if (field.presence === 'optional') continue
      throw new CwmpEncodeError(`${where}.${field.key}: missing (${spec.name}/${field.xml})`)
    }
    out += encodeField(field, value, `${where}.${field.key}`, settings)
  }
  return out
}
