/**
 * Decodes the text of a generated model file into definitions, checking every field it reads:
 * a damaged or hand-edited file fails at load with the path of the bad entry, not later.
 */
import { BASE_TYPES, MODEL_FILE_FORMAT, type BaseType, type DataModelRoot, type XsdType } from './model-file.js'
import { parentObjectPath } from './path.js'
import type { Access, ActiveNotify, LengthRange, ListFacets, ObjectDef, ParameterDef, Status, ValueRange } from './types.js'

/** A decoded file: its provenance and its objects (each with its parameters), sorted by path. */
export interface DecodedModel {
  root: DataModelRoot
  model: string
  source: string
  objects: ObjectDef[]
}

/** Raised when a generated file does not have the expected shape. */
export class ModelFileError extends Error {
  override readonly name = 'ModelFileError'
}

type Json = Record<string, unknown>

/** Parses and checks a generated model file. */
export function decodeModelFile(text: string, fileName: string): DecodedModel {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new ModelFileError(`${fileName}: not JSON (${(error as Error).message})`)
  }
  const file = record(parsed, fileName)
  const header = record(file.$, `${fileName} $`)
  if (header.format !== MODEL_FILE_FORMAT) throw new ModelFileError(`${fileName}: format ${String(header.format)}, expected ${MODEL_FILE_FORMAT}`)
  const root = header.root
  if (root !== 'Device' && root !== 'InternetGatewayDevice') throw new ModelFileError(`${fileName}: unknown root ${String(root)}`)
  const objects = Object.entries(record(file.objects, `${fileName} objects`)).map(([path, entry]) => decodeObject(path, record(entry, path)))
  return { root, model: string(header.model, `${fileName} model`), source: string(header.source, `${fileName} source`), objects }
}

function decodeObject(path: string, entry: Json): ObjectDef {
  const parameters = Object.entries(record(entry.p, `${path} p`)).map(([name, value]) => decodeParameter(path, name, record(value, path + name)))
  const entries = entry.ne === undefined ? [1, 1] : array(entry.ne, `${path} ne`)
  const parent = parentObjectPath(path)
  return {
    kind: 'object',
    path,
    ...optional('parent', parent),
    multiInstance: flag(entry.m, `${path} m`),
    writable: oneOf(entry.a, ['rw'], `${path} a`) === 'rw',
    minEntries: number(entries[0], `${path} ne[0]`),
    maxEntries: entries[1] === null ? null : number(entries[1], `${path} ne[1]`),
    status: status(entry.st, path),
    parameters,
  }
}

function decodeParameter(object: string, name: string, entry: Json): ParameterDef {
  const path = object + name
  const type = oneOf(entry.t, BASE_TYPES, `${path} t`)
  if (type === undefined) throw new ModelFileError(`${path}: no type`)
  const access = decodeAccess(entry.a, path)
  const ranges = entry.r === undefined ? [] : array(entry.r, `${path} r`).map((r) => decodeRange(r, path))
  const lengths = entry.s === undefined ? [] : array(entry.s, `${path} s`).map((s) => decodeLength(s, path))
  const list = entry.l === undefined ? undefined : decodeList(record(entry.l, `${path} l`), path)
  const xsdType = decodeXsdType(entry.x, type, path)
  const mins = ranges.map((r) => r.min)
  const maxes = ranges.map((r) => r.max)
  const lengthMaxes = lengths.map((l) => l.max)
  const def: ParameterDef = {
    kind: 'parameter',
    path,
    name,
    object,
    type,
    xsdType,
    ...optional('dataType', entry.dt === undefined ? undefined : string(entry.dt, `${path} dt`)),
    access,
    writable: access !== 'readOnly',
    ...optional('list', list),
    ranges,
    ...optional('min', ranges.length > 0 && mins.every(isNumber) ? Math.min(...mins) : undefined),
    ...optional('max', ranges.length > 0 && maxes.every(isNumber) ? Math.max(...maxes) : undefined),
    lengths,
    ...optional('maxLength', lengths.length > 0 && lengthMaxes.every(isNumber) ? Math.max(...lengthMaxes) : undefined),
    ...optional('enumeration', strings(entry.e, `${path} e`)),
    ...optional('readOnlyValues', strings(entry.er, `${path} er`)),
    ...optional('patterns', strings(entry.p, `${path} p`)),
    forcedInform: flag(entry.f, `${path} f`),
    activeNotify: decodeActiveNotify(entry.n, path),
    ...optional('default', entry.d === undefined ? undefined : string(entry.d, `${path} d`)),
    ...optional('defaultKind', entry.d === undefined ? undefined : decodeDefaultKind(entry.dk, path)),
    status: status(entry.st, path),
    hidden: flag(entry.h, `${path} h`),
    command: flag(entry.c, `${path} c`),
  }
  return def
}

function decodeAccess(value: unknown, path: string): Access {
  const access = oneOf(value, ['rw', 'wo'], `${path} a`)
  return access === 'rw' ? 'readWrite' : access === 'wo' ? 'writeOnceReadOnly' : 'readOnly'
}

function decodeXsdType(value: unknown, type: BaseType, path: string): XsdType {
  if (value === undefined) return `xsd:${type}`
  const text = string(value, `${path} x`)
  const base = text.startsWith('xsd:') ? text.slice(4) : ''
  if (!isBaseType(base)) throw new ModelFileError(`${path} x: unknown xsd type ${text}`)
  return `xsd:${base}`
}

function decodeDefaultKind(value: unknown, path: string): 'object' | 'factory' | 'implementation' {
  return oneOf(value, ['factory', 'implementation'], `${path} dk`) ?? 'object'
}

function decodeActiveNotify(value: unknown, path: string): ActiveNotify {
  return oneOf(value, ['canDeny', 'forceEnabled', 'forceDefaultEnabled'], `${path} n`) ?? 'normal'
}

function decodeRange(value: unknown, path: string): ValueRange {
  const [min, max, step] = array(value, `${path} r`)
  return {
    ...optional('min', min === null ? undefined : number(min, `${path} r min`)),
    ...optional('max', max === null ? undefined : number(max, `${path} r max`)),
    ...optional('step', step === undefined ? undefined : number(step, `${path} r step`)),
  }
}

function decodeLength(value: unknown, path: string): LengthRange {
  const [min, max] = array(value, `${path} s`)
  return { min: number(min, `${path} s min`), ...optional('max', max === null ? undefined : number(max, `${path} s max`)) }
}

function decodeList(entry: Json, path: string): ListFacets {
  const count = (key: string): number | undefined => (entry[key] === undefined ? undefined : number(entry[key], `${path} l.${key}`))
  return {
    ...optional('minItems', count('minItems')),
    ...optional('maxItems', count('maxItems')),
    ...optional('maxLength', count('maxLength')),
    nested: flag(entry.nested, `${path} l.nested`),
  }
}

function status(value: unknown, path: string): Status {
  return oneOf(value, ['deprecated', 'obsoleted'], `${path} st`) ?? 'current'
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}

function isNumber(value: number | undefined): value is number {
  return value !== undefined
}

function record(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ModelFileError(`${where}: expected an object`)
  return value as Json
}

function array(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new ModelFileError(`${where}: expected an array`)
  return value
}

function number(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ModelFileError(`${where}: expected a number`)
  return value
}

function string(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new ModelFileError(`${where}: expected a string`)
  return value
}

function strings(value: unknown, where: string): string[] | undefined {
  if (value === undefined) return undefined
  return array(value, where).map((item) => string(item, where))
}

function flag(value: unknown, where: string): boolean {
  if (value === undefined) return false
  if (value !== 1) throw new ModelFileError(`${where}: expected 1`)
  return true
}

function oneOf<const T extends string>(value: unknown, allowed: readonly T[], where: string): T | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new ModelFileError(`${where}: unexpected ${JSON.stringify(value)}`)
  return value as T
}

function isBaseType(value: string): value is BaseType {
  return (BASE_TYPES as readonly string[]).includes(value)
}
