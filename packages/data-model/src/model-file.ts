/**
 * The compact JSON format of `src/generated/*.json`, shared by the generator (which writes it)
 * and the loader (which reads it). Short keys keep the files small; the legend below is also
 * written into every file's header so the JSON explains itself.
 */

/** Version of this format; the loader refuses files with another one. */
export const MODEL_FILE_FORMAT = 1

/** The BBF primitive types a parameter can have (TR-106 A.2.3). */
export const BASE_TYPES = [
  'string',
  'int',
  'unsignedInt',
  'long',
  'unsignedLong',
  'boolean',
  'dateTime',
  'base64',
  'hexBinary',
  'decimal',
] as const
/** One of the BBF primitive types. */
export type BaseType = (typeof BASE_TYPES)[number]

/** The xsi:type a value of a parameter is sent with in SetParameterValues. */
export type XsdType = `xsd:${BaseType}`

/** Data-model roots this package ships a model for. */
export type DataModelRoot = 'Device' | 'InternetGatewayDevice'

/** Non-default `activeNotify` values of the BBF XML (`normal` is omitted from the files). */
export type ActiveNotifyFlag = 'canDeny' | 'forceEnabled' | 'forceDefaultEnabled'

/** Non-default `status` values kept in the files (`deleted` items are left out). */
export type StatusFlag = 'deprecated' | 'obsoleted'

/** Facets of a `<list>`: item count bounds and the maximum length of the whole string. */
export interface ListEntry {
  minItems?: number
  maxItems?: number
  maxLength?: number
  /** Items are bracketed (`[a,b],[c,d]`), so a plain comma split does not find them. */
  nested?: 1
}

/** One parameter, keyed by its name inside its object entry. */
export interface ParameterEntry {
  t: BaseType
  x?: XsdType
  dt?: string
  a?: 'rw' | 'wo'
  l?: ListEntry
  r?: [number | null, number | null, number?][]
  s?: [number, number | null][]
  e?: string[]
  er?: string[]
  p?: string[]
  f?: 1
  n?: ActiveNotifyFlag
  d?: string
  dk?: 'factory' | 'implementation'
  st?: StatusFlag
  h?: 1
  c?: 1
}

/** One object, keyed by its path (`Device.WiFi.SSID.{i}.`). */
export interface ObjectEntry {
  a?: 'rw'
  m?: 1
  ne?: [number, number | null]
  st?: StatusFlag
  p: Record<string, ParameterEntry>
}

/** The provenance header, first key of every file. */
export interface ModelFileHeader {
  format: number
  root: DataModelRoot
  model: string
  spec: string
  source: string
  license: string
  keys: Record<string, string>
}

/** A whole generated file. */
export interface ModelFile {
  $: ModelFileHeader
  objects: Record<string, ObjectEntry>
}

/** The generated manifest: which file holds which root. */
export type ModelManifest = Record<DataModelRoot, string>

/** File name of the manifest inside `src/generated/`. */
export const MANIFEST_FILE = 'manifest.json'

/** Meaning of each short key, written into the header of every generated file. */
export const KEY_LEGEND: Record<string, string> = {
  'objects.*.a': 'rw = instances can be added/deleted (access readWrite); absent = readOnly',
  'objects.*.m': '1 = multi-instance table (path ends in {i}.)',
  'objects.*.ne': '[minEntries, maxEntries]; null = unbounded; absent = [1, 1]',
  'objects.*.st / p.*.st': 'status deprecated | obsoleted; absent = current (deleted items are omitted)',
  'p.*.t': 'base type',
  'p.*.x': 'xsd type to send when not xsd:<t> (lists are sent as xsd:string)',
  'p.*.dt': 'named BBF dataType the parameter uses (Alias, IPAddress, StatsCounter64, ...)',
  'p.*.a': 'rw = readWrite, wo = writeOnceReadOnly; absent = readOnly',
  'p.*.l': 'comma-separated list: minItems, maxItems, maxLength of the whole string, nested = bracketed items',
  'p.*.r': 'allowed ranges [minInclusive, maxInclusive, step?]; null = unbounded; any one may match',
  'p.*.s': 'allowed lengths [minLength, maxLength]; null = unbounded; any one may match; bytes for base64/hexBinary',
  'p.*.e': 'enumeration values',
  'p.*.er': 'enumeration values the ACS must not set (access readOnly)',
  'p.*.p': 'patterns (XML Schema regex, whole value); any one may match',
  'p.*.f': '1 = forcedInform',
  'p.*.n': 'activeNotify canDeny | forceEnabled | forceDefaultEnabled; absent = normal',
  'p.*.d': 'default value',
  'p.*.dk': 'default kind factory | implementation; absent = object (value on creation)',
  'p.*.h': '1 = hidden or secured: reads return an empty string',
  'p.*.c': '1 = command parameter (writing it triggers an action)',
}
