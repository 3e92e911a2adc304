/** The configuration a device must have: every matching profile rendered and merged by priority. */
import { createHash } from 'node:crypto'
import type { XsdType } from '@acs/cwmp'

export type { XsdType }

/** A value to set, and the profile that set it. */
export interface DesiredParameter {
  name: string
  value: string
  type: XsdType
  /** Reads back empty (passwords, keys): never compared with what the CPE reports. */
  writeOnly: boolean
  source: string
}

/** A key or further value of an object instance, relative to the instance. */
export interface DesiredInstanceValue {
  name: string
  value: string
  type: XsdType
  writeOnly: boolean
}

/** An object instance that must (present) or must not exist, identified by key values. */
export interface DesiredObject {
  table: string
  key: DesiredInstanceValue[]
  present: boolean
  parameters: DesiredInstanceValue[]
  source: string
}

/** Attributes to set on a parameter or partial path. */
export interface DesiredAttribute {
  name: string
  notification?: number
  accessList?: string[]
  source: string
}

/** Where a lower-priority profile's setting lost to a higher one. */
export interface Override {
  /** Parameter name, attribute name, or object identity (`table{key=value}`). */
  target: string
  winner: string
  losers: string[]
}

/** A setting that could not be rendered for this device and is left out. */
export interface RenderProblem {
  source: string
  target: string
  message: string
}

/** One profile rendered for one device. */
export interface Layer {
  source: string
  priority: number
  parameters: DesiredParameter[]
  objects: DesiredObject[]
  attributes: DesiredAttribute[]
}

/** The merged desired state of one device. */
export interface DesiredState {
  parameters: DesiredParameter[]
  objects: DesiredObject[]
  attributes: DesiredAttribute[]
  overrides: Override[]
  problems: RenderProblem[]
  /** Parameters that templates need but whose values are not known yet: a read must come first. */
  unresolved: string[]
  /** Parameters and tables whose settings wait for `unresolved`: read with it, so the diff sees them. */
  waiting: string[]
  /** Every parameter templates and filters draw on (resolved or not): worth remembering when read. */
  dependencies: string[]
  /** Profile ids (and built-in layers) that contributed, highest priority first. */
  sources: string[]
}

/** The identity of an object rule: its table and sorted key values. */
export function objectIdentity(o: Pick<DesiredObject, 'table' | 'key'>): string {
  const key = [...o.key].sort((a, b) => a.name.localeCompare(b.name)).map((k) => `${k.name}=${k.value}`)
  return `${o.table}{${key.join(',')}}`
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 20)
}

/**
 * The ParameterKey that names this desired configuration: 'p' + 20 base64url characters of a
 * SHA-256 of the rendered values (21 characters; CWMP allows 32). Undefined while templates
 * wait for values to be read, unless `ignoreUnresolved` (after a read that could not supply them).
 */
export function configurationDigest(state: DesiredState, options: { ignoreUnresolved?: boolean } = {}): string | undefined {
  if (state.unresolved.length > 0 && !options.ignoreUnresolved) return undefined
  return `p${hash([
    state.parameters.map((p) => [p.name, p.value, p.type]),
    state.objects.map((o) => [objectIdentity(o), o.present, o.parameters.map((p) => [p.name, p.value, p.type])]),
    state.attributes.map((a) => [a.name, a.notification ?? null, a.accessList ?? null]),
  ])}`
}

/** The ParameterKey of intermediate RPCs (AddObject/DeleteObject before the final write): never equal to a digest. */
export function pendingKey(digest: string): string {
  return `q${digest.slice(1)}`
}

/** A digest of the attributes alone: SetParameterAttributes is resent only when it changes (or on bootstrap). */
export function attributesDigest(attributes: readonly DesiredAttribute[]): string {
  return hash(attributes.map((a) => [a.name, a.notification ?? null, a.accessList ?? null]))
}

/** A digest of one write-only value, to remember what was applied without keeping a second copy. */
export function valueDigest(name: string, value: string): string {
  return hash([name, value])
}
