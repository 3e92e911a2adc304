/**
 * Table-driven decoding of an RPC element or struct: one pass over its children, each matched
 * by local name (unqualified and over-qualified children alike) to the field spec, then the
 * result object is built in XSD order with missing fields checked.
 */
import { CwmpParseError } from '../errors.js'
import type { FieldSpec, FieldType, ItemType, StructSpec } from '../schema/field-spec.js'
import type { ParameterValue } from '../types.js'
import { decodeDuOperations, decodeOpResults } from './du-structs.js'
import { coerceScalar, normaliseXsdType, xsiTypeOf } from './scalars.js'
import { scopeWith, type Scope } from './scope.js'
import { attrsOf, childrenOf, localName, tagOf, textOf, type XNode } from './xml-tree.js'

/** A decoded struct, before it is typed by the caller. */
export type Decoded = Record<string, unknown>

/** Field values by field index; repeated elements (custom codecs) collect every occurrence. */
type Slots = (unknown | XNode[])[]

function missing(spec: StructSpec, field: FieldSpec): CwmpParseError {
  return new CwmpParseError(`${spec.name}: missing ${field.xml}`, 8003)
}

/**
 * Decodes the children of an element per `spec` into `out` (which may already hold `method`).
 * `scope` is the namespace scope inside the element.
 */
export function decodeStruct(spec: StructSpec, kids: readonly XNode[], scope: Scope, out: Decoded = {}): Decoded {
  const fields = spec.fields
  const slots: Slots = new Array<unknown>(fields.length)
  for (const kid of kids) {
    const tag = tagOf(kid)
    if (tag === undefined) continue
    const index = spec.indexByXml.get(localName(tag))
    if (index === undefined) continue
    const field = fields[index] as FieldSpec
    if (field.type.kind === 'custom') {
      const seen = slots[index] as XNode[] | undefined
      if (seen === undefined) slots[index] = [kid]
      else seen.push(kid)
    } else {
      slots[index] = decodeField(spec, field.type, field.xml, kid, tag, scope)
    }
  }
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as FieldSpec
    let value = slots[i]
    if (value === undefined) {
      if (field.presence === 'required') throw missing(spec, field)
      if (field.presence === 'optional') continue
      value = Array.isArray(field.fallback) ? [] : field.fallback
    } else if (field.type.kind === 'custom') {
      value = decodeCustom(field.type.custom, value as XNode[], scope)
    }
    out[field.key] = value
  }
  return out
}

function decodeField(spec: StructSpec, type: FieldType, xml: string, node: XNode, tag: string, scope: Scope): unknown {
  const kids = childrenOf(node, tag)
  switch (type.kind) {
    case 'scalar':
      return coerceScalar(type.scalar, textOf(kids), `${spec.name}/${xml}`)
    case 'struct':
      return decodeStruct(type.struct, kids, scopeWith(scope, attrsOf(node)))
    case 'array':
      return decodeArray(type.item, kids, scopeWith(scope, attrsOf(node)), `${spec.name}/${xml}`)
    case 'custom':
      return decodeCustom(type.custom, [node], scope)
  }
}

function decodeCustom(kind: 'parameterValue' | 'duOperations' | 'opResults' | 'autonOpResults', nodes: XNode[], scope: Scope): unknown {
  switch (kind) {
    case 'duOperations':
      return decodeDuOperations(nodes, scope)
    case 'opResults':
      return decodeOpResults(nodes, scope, false)
    case 'autonOpResults':
      return decodeOpResults(nodes, scope, true)
    case 'parameterValue':
      throw new CwmpParseError('ParameterValueStruct outside a list', 8003)
  }
}

/** Decodes the members of a SOAP array: every element child counts, whatever arrayType says. */
function decodeArray(item: ItemType, kids: readonly XNode[], scope: Scope, where: string): unknown[] {
  const out: unknown[] = []
  for (const kid of kids) {
    const tag = tagOf(kid)
    if (tag === undefined) continue
    const memberKids = childrenOf(kid, tag)
    switch (item.kind) {
      case 'parameterValue':
        out.push(decodeParameterValue(memberKids, scopeWith(scope, attrsOf(kid))))
        break
      case 'scalar':
        out.push(coerceScalar(item.scalar, textOf(memberKids), where))
        break
      case 'struct':
        out.push(decodeStruct(item.struct, memberKids, scopeWith(scope, attrsOf(kid))))
        break
    }
  }
  return out
}

/** ParameterValueStruct, by hand: it is most of every Inform and GetParameterValuesResponse. */
function decodeParameterValue(kids: readonly XNode[], scope: Scope): ParameterValue {
  let name: string | undefined
  let value: string | undefined
  let type: ParameterValue['type'] = 'xsd:string'
  for (const kid of kids) {
    const tag = tagOf(kid)
    if (tag === undefined) continue
    const local = localName(tag)
    if (local === 'Name') {
      name = textOf(childrenOf(kid, tag))
    } else if (local === 'Value') {
      value = textOf(childrenOf(kid, tag))
      const attrs = attrsOf(kid)
      if (attrs !== undefined) {
        const xsiType = xsiTypeOf(attrs, scopeWith(scope, attrs))
        if (xsiType !== undefined) type = normaliseXsdType(xsiType)
      }
    }
  }
  if (name === undefined) throw new CwmpParseError('ParameterValueStruct: missing Name', 8003)
  if (value === undefined) throw new CwmpParseError('ParameterValueStruct: missing Value', 8003)
  return { name, value, type }
}
