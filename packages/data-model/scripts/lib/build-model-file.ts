/**
 * Turns one BBF "full" data-model XML document into the compact, deterministic JSON text
 * committed under `src/generated/`: objects and parameters sorted by name, one object a line.
 */
import {
  KEY_LEGEND,
  MODEL_FILE_FORMAT,
  type ActiveNotifyFlag,
  type DataModelRoot,
  type ModelFile,
  type ModelFileHeader,
  type ObjectEntry,
  type ParameterEntry,
  type StatusFlag,
} from '../../src/model-file.js'
import { parentObjectPath } from '../../src/path.js'
import { SyntaxResolver } from './resolve-syntax.js'
import { attr, child, children, parseBbfXml, type XmlElement } from './xml-tree.js'

/** The result of generating one model: where it goes and what it holds. */
export interface GeneratedModel {
  root: DataModelRoot
  model: string
  fileName: string
  text: string
  objectCount: number
  parameterCount: number
}

const ACTIVE_NOTIFY: ReadonlySet<string> = new Set(['canDeny', 'forceEnabled', 'forceDefaultEnabled'])

/** Builds the generated file for the single `<model>` of a BBF XML document. */
export function buildModelFile(xml: string, sourceFileName: string): GeneratedModel {
  const document = parseBbfXml(xml)
  const models = children(document, 'model')
  const [model] = models
  if (!model || models.length !== 1) throw new Error(`${sourceFileName}: expected exactly one <model>, found ${models.length}`)
  const modelName = required(attr(model, 'name'), `${sourceFileName}: <model> without a name`)
  const [rootName, version] = modelName.split(':')
  if (rootName !== 'Device' && rootName !== 'InternetGatewayDevice') throw new Error(`${sourceFileName}: unsupported root ${modelName}`)
  const spec = required(attr(document, 'spec'), `${sourceFileName}: <document> without spec`)
  const trNumber = /\b(tr-\d+)-/.exec(spec)?.[1]
  if (!trNumber || !version) throw new Error(`${sourceFileName}: cannot name the output from spec ${spec} and model ${modelName}`)

  const resolver = new SyntaxResolver(children(document, 'dataType'))
  const objects = new Map<string, ObjectEntry>()
  let parameterCount = 0
  for (const object of children(model, 'object')) {
    if (attr(object, 'status') === 'deleted') continue
    const path = required(attr(object, 'name'), `${sourceFileName}: <object> without a name`)
    if (objects.has(path)) throw new Error(`${sourceFileName}: duplicate object ${path}`)
    const parameters: Record<string, ParameterEntry> = {}
    for (const parameter of children(object, 'parameter')) {
      if (attr(parameter, 'status') === 'deleted') continue
      const name = required(attr(parameter, 'name'), `${path}: <parameter> without a name`)
      if (Object.hasOwn(parameters, name)) throw new Error(`duplicate parameter ${path}${name}`)
      parameters[name] = parameterEntry(parameter, `${path}${name}`, resolver)
      parameterCount += 1
    }
    objects.set(path, { ...objectMetadata(object, path), p: sortedRecord(parameters) })
  }
  checkParents(objects, `${rootName}.`)

  const header: ModelFileHeader = {
    format: MODEL_FILE_FORMAT,
    root: rootName,
    model: modelName,
    spec,
    source: sourceFileName,
    license: licenseNotice(xml),
    keys: KEY_LEGEND,
  }
  const file: ModelFile = { $: header, objects: sortedRecord(Object.fromEntries(objects)) }
  return {
    root: rootName,
    model: modelName,
    fileName: `${trNumber}-${version}.json`,
    text: serialize(file),
    objectCount: objects.size,
    parameterCount,
  }
}

/** Serializes a model file with one object per line, so diffs between versions stay readable. */
export function serialize(file: ModelFile): string {
  const lines = Object.entries(file.objects).map(([path, entry]) => `${JSON.stringify(path)}:${JSON.stringify(entry)}`)
  return `{"$":${JSON.stringify(file.$)},\n"objects":{\n${lines.join(',\n')}\n}}\n`
}

function objectMetadata(object: XmlElement, path: string): Omit<ObjectEntry, 'p'> {
  const entry: Omit<ObjectEntry, 'p'> = {}
  const access = attr(object, 'access') ?? 'readOnly'
  if (access === 'readWrite') entry.a = 'rw'
  else if (access !== 'readOnly') throw new Error(`${path}: unknown object access ${access}`)
  if (path.endsWith('.{i}.')) entry.m = 1
  const minEntries = Number(attr(object, 'minEntries') ?? '1')
  const maxText = attr(object, 'maxEntries') ?? '1'
  const maxEntries = maxText === 'unbounded' ? null : Number(maxText)
  if (!Number.isSafeInteger(minEntries) || (maxEntries !== null && !Number.isSafeInteger(maxEntries))) {
    throw new Error(`${path}: bad minEntries/maxEntries`)
  }
  if (minEntries !== 1 || maxEntries !== 1) entry.ne = [minEntries, maxEntries]
  const status = statusOf(object, path)
  if (status) entry.st = status
  return entry
}

function parameterEntry(parameter: XmlElement, path: string, resolver: SyntaxResolver): ParameterEntry {
  const syntax = child(parameter, 'syntax')
  if (!syntax) throw new Error(`${path}: parameter without <syntax>`)
  const type = resolver.resolveSyntax(syntax, path)
  const entry: ParameterEntry = { t: type.base }
  if (type.list) entry.x = 'xsd:string'
  if (type.dataType) entry.dt = type.dataType
  const access = attr(parameter, 'access') ?? 'readOnly'
  if (access === 'readWrite') entry.a = 'rw'
  else if (access === 'writeOnceReadOnly') entry.a = 'wo'
  else if (access !== 'readOnly') throw new Error(`${path}: unknown access ${access}`)
  if (type.list) entry.l = type.list
  const { ranges, sizes, enums, readOnlyEnums, patterns } = type.facets
  if (ranges) entry.r = ranges
  if (sizes) entry.s = sizes
  if (enums) entry.e = enums
  if (readOnlyEnums) entry.er = readOnlyEnums
  if (patterns) entry.p = patterns
  if (attr(parameter, 'forcedInform') === 'true') entry.f = 1
  const activeNotify = attr(parameter, 'activeNotify') ?? 'normal'
  if (ACTIVE_NOTIFY.has(activeNotify)) entry.n = activeNotify as ActiveNotifyFlag
  else if (activeNotify !== 'normal') throw new Error(`${path}: unknown activeNotify ${activeNotify}`)
  const defaultValue = children(syntax, 'default').find((d) => attr(d, 'status') !== 'deleted')
  if (defaultValue) {
    entry.d = required(attr(defaultValue, 'value'), `${path}: <default> without a value`)
    const kind = attr(defaultValue, 'type')
    if (kind === 'factory' || kind === 'implementation') entry.dk = kind
    else if (kind !== 'object') throw new Error(`${path}: unknown default type ${kind ?? '(none)'}`)
  }
  const status = statusOf(parameter, path)
  if (status) entry.st = status
  if (attr(syntax, 'hidden') === 'true' || attr(syntax, 'secured') === 'true') entry.h = 1
  if (attr(syntax, 'command') === 'true') entry.c = 1
  return entry
}

function statusOf(element: XmlElement, path: string): StatusFlag | undefined {
  const status = attr(element, 'status') ?? 'current'
  if (status === 'deprecated' || status === 'obsoleted') return status
  if (status !== 'current') throw new Error(`${path}: unknown status ${status}`)
  return undefined
}

function checkParents(objects: ReadonlyMap<string, ObjectEntry>, rootPath: string): void {
  for (const path of objects.keys()) {
    if (path === rootPath) continue
    if (!path.startsWith(rootPath)) throw new Error(`object ${path} is outside ${rootPath}`)
    const parent = parentObjectPath(path)
    if (parent === undefined || !objects.has(parent)) throw new Error(`object ${path} has no parent object ${parent}`)
  }
}

/** The copyright line of the document's license header comment, or the generic BBF notice. */
function licenseNotice(xml: string): string {
  const copyright = /Copyright \(c\) [0-9, -]+Broadband Forum/.exec(xml.slice(0, 4000))?.[0] ?? 'Copyright Broadband Forum'
  return `Derived from Broadband Forum data. ${copyright}. BSD-3-Clause-style license: see LICENSE-BBF.txt`
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  const sorted: Record<string, T> = {}
  for (const key of Object.keys(record).sort(compareStrings)) sorted[key] = record[key] as T
  return sorted
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function required(value: string | undefined, message: string): string {
  if (value === undefined) throw new Error(message)
  return value
}
