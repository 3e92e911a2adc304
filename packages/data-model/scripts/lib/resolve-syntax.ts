/**
 * Resolves a BBF `<syntax>` (or a named `<dataType>`) to its primitive base type and the facets
 * that constrain it, following `base=` / `ref=` chains: facets a derived type declares replace
 * the same kind of facet of its base (a refined enumeration replaces the inherited one).
 */
import { BASE_TYPES, type BaseType, type ListEntry } from '../../src/model-file.js'
import { attr, child, childTags, children, type XmlElement } from './xml-tree.js'

/** The value constraints of a type: each list, when present, is a set of alternatives. */
export interface Facets {
  sizes?: [number, number | null][]
  ranges?: [number | null, number | null, number?][]
  enums?: string[]
  readOnlyEnums?: string[]
  patterns?: string[]
}

/** A type reduced to what the generated files record. */
export interface ResolvedType {
  base: BaseType
  dataType?: string
  list?: ListEntry
  facets: Facets
}

const INTEGER_TYPES: ReadonlySet<BaseType> = new Set(['int', 'unsignedInt', 'long', 'unsignedLong'])

/** Resolves named data types of one document, caching each one once resolved. */
export class SyntaxResolver {
  private readonly definitions = new Map<string, XmlElement>()
  private readonly resolved = new Map<string, ResolvedType>()

  constructor(dataTypes: readonly XmlElement[]) {
    for (const definition of dataTypes) {
      const name = attr(definition, 'name')
      if (!name) throw new Error('<dataType> definition without a name')
      this.definitions.set(name, definition)
    }
  }

  /** Resolves the `<syntax>` element of a parameter. */
  resolveSyntax(syntax: XmlElement, where: string): ResolvedType {
    const typeTags = childTags(syntax).filter((tag) => tag === 'dataType' || isBaseType(tag))
    const [typeTag] = typeTags
    if (typeTags.length !== 1 || !typeTag) throw new Error(`${where}: expected one type in <syntax>, got ${typeTags.join(', ') || 'none'}`)
    const typeElement = child(syntax, typeTag)
    if (!typeElement) throw new Error(`${where}: missing <${typeTag}>`)
    const resolved = typeTag === 'dataType' ? this.refine(typeElement, where) : primitive(typeTag, typeElement, where)
    const list = listOf(syntax) ?? resolved.list
    return list ? { ...resolved, list } : resolved
  }

  /** Resolves a named data type (`Alias`, `IPv4Address`, ...). */
  resolveNamed(name: string, seen: readonly string[] = []): ResolvedType {
    const cached = this.resolved.get(name)
    if (cached) return cached
    if (seen.includes(name)) throw new Error(`dataType cycle: ${[...seen, name].join(' -> ')}`)
    const definition = this.definitions.get(name)
    if (!definition) throw new Error(`unknown dataType ${name}`)
    const where = `dataType ${name}`
    const baseName = attr(definition, 'base')
    let result: ResolvedType
    if (baseName) {
      const parent = this.resolveNamed(baseName, [...seen, name])
      result = { base: parent.base, facets: override(parent.facets, facetsOf(definition, parent.base, where)) }
      const list = listOf(definition) ?? parent.list
      if (list) result.list = list
    } else {
      const tags = childTags(definition).filter(isBaseType)
      const [tag] = tags
      if (tags.length !== 1 || !tag) throw new Error(`${where}: expected one primitive type, got ${tags.join(', ') || 'none'}`)
      const element = child(definition, tag)
      if (!element) throw new Error(`${where}: missing <${tag}>`)
      result = primitive(tag, element, where)
      const list = listOf(definition)
      if (list) result.list = list
    }
    result.dataType = name
    this.resolved.set(name, result)
    return result
  }

  private refine(reference: XmlElement, where: string): ResolvedType {
    const name = attr(reference, 'ref') ?? attr(reference, 'base')
    if (!name) throw new Error(`${where}: <dataType> without ref or base`)
    const named = this.resolveNamed(name)
    return { ...named, facets: override(named.facets, facetsOf(reference, named.base, where)) }
  }
}

function isBaseType(tag: string): tag is BaseType {
  return (BASE_TYPES as readonly string[]).includes(tag)
}

function primitive(tag: BaseType, element: XmlElement, where: string): ResolvedType {
  return { base: tag, facets: facetsOf(element, tag, where) }
}

function override(inherited: Facets, own: Facets): Facets {
  const merged: Facets = { ...inherited }
  if (own.sizes) merged.sizes = own.sizes
  if (own.ranges) merged.ranges = own.ranges
  if (own.patterns) merged.patterns = own.patterns
  if (own.enums) {
    merged.enums = own.enums
    if (own.readOnlyEnums) merged.readOnlyEnums = own.readOnlyEnums
    else delete merged.readOnlyEnums
  }
  return merged
}

function facetsOf(element: XmlElement, base: BaseType, where: string): Facets {
  const facets: Facets = {}
  const sizes = children(element, 'size').map((size): [number, number | null] => [
    count(attr(size, 'minLength') ?? '0', where),
    optionalCount(attr(size, 'maxLength'), where),
  ])
  if (sizes.length > 0) facets.sizes = sizes
  const ranges = children(element, 'range').map((range) => rangeOf(range, base, where))
  if (ranges.length > 0) facets.ranges = ranges
  const enumerations = children(element, 'enumeration').filter((e) => attr(e, 'status') !== 'deleted')
  if (enumerations.length > 0) {
    facets.enums = enumerations.map((e) => required(attr(e, 'value'), `${where}: enumeration without value`))
    const readOnly = enumerations.filter((e) => attr(e, 'access') === 'readOnly').map((e) => attr(e, 'value') ?? '')
    if (readOnly.length > 0) facets.readOnlyEnums = readOnly
  }
  const patterns = children(element, 'pattern').filter((p) => attr(p, 'status') !== 'deleted')
  if (patterns.length > 0) facets.patterns = patterns.map((p) => required(attr(p, 'value'), `${where}: pattern without value`))
  return facets
}

function rangeOf(range: XmlElement, base: BaseType, where: string): [number | null, number | null, number?] {
  const bound = (name: string): number | null => {
    const text = attr(range, name)
    if (text === undefined) return null
    const value = Number(text)
    const ok = INTEGER_TYPES.has(base) ? Number.isSafeInteger(value) : Number.isFinite(value)
    if (!ok) throw new Error(`${where}: range ${name}="${text}" is not representable`)
    return value
  }
  const min = bound('minInclusive')
  const max = bound('maxInclusive')
  const step = bound('step')
  return step === null || step === 1 ? [min, max] : [min, max, step]
}

function listOf(element: XmlElement): ListEntry | undefined {
  const list = child(element, 'list')
  if (!list) return undefined
  const entry: ListEntry = {}
  const minItems = attr(list, 'minItems')
  const maxItems = attr(list, 'maxItems')
  const size = child(list, 'size')
  const maxLength = size ? attr(size, 'maxLength') : undefined
  if (minItems !== undefined && minItems !== '0') entry.minItems = count(minItems, 'list minItems')
  if (maxItems !== undefined && maxItems !== 'unbounded') entry.maxItems = count(maxItems, 'list maxItems')
  if (maxLength !== undefined) entry.maxLength = count(maxLength, 'list maxLength')
  if (attr(list, 'nestedBrackets') === 'required' || attr(list, 'nestedBrackets') === 'permitted') entry.nested = 1
  return entry
}

function count(text: string, where: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${where}: "${text}" is not a count`)
  return value
}

function optionalCount(text: string | undefined, where: string): number | null {
  return text === undefined ? null : count(text, where)
}

function required(value: string | undefined, message: string): string {
  if (value === undefined) throw new Error(message)
  return value
}
