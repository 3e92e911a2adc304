import type { ObjectDef, ParameterDef } from '@acs/data-model'
import type { XsdType } from '@acs/cwmp'
import type { DeviceProfile, ObjectKind, ValueContext } from '../model/profile-types.js'
import { defaultValueOf } from '../model/value-helpers.js'

/** A node of a device's tree as an RPC handler sees it. */
export type TreeNode =
  | { readonly kind: 'param'; readonly path: string; readonly def: ParameterDef }
  | { readonly kind: 'object'; readonly path: string; readonly def: ObjectDef; readonly objectKind: ObjectKind }

/** Thrown by tree operations on paths that do not exist or cannot take the change (carries the CWMP fault code). */
export class TreeError extends Error {
  override readonly name = 'TreeError'
  constructor(
    readonly faultCode: 9003 | 9004 | 9005,
    message: string,
  ) {
    super(message)
  }
}

/**
 * One device's parameter tree: the profile's shared structure plus this device's differences
 * only (set values, added and deleted instances, attributes), so ten thousand devices share
 * one copy of the ~1,000-parameter tree.
 */
export class ParameterTree {
  private values: Map<string, string> | undefined
  private deleted: Set<string> | undefined
  private addedObjects: Map<string, { def: ObjectDef; kind: ObjectKind }> | undefined
  private addedParams: Map<string, ParameterDef> | undefined
  private addedInstances: Map<string, Set<number>> | undefined
  private nextInstance: Map<string, number> | undefined
  private notifications: Map<string, number> | undefined
  private accessLists: Map<string, string[]> | undefined

  constructor(
    readonly profile: DeviceProfile,
    private readonly ctx: ValueContext,
  ) {}

  /** The node at a parameter or object path, if present on this device. */
  node(path: string): TreeNode | undefined {
    if (path.endsWith('.')) {
      const o = this.profile.objects.get(path)
      if (o) return this.isDeleted(path) ? undefined : { kind: 'object', path, def: o.def, objectKind: o.kind }
      const a = this.addedObjects?.get(path)
      return a ? { kind: 'object', path, def: a.def, objectKind: a.kind } : undefined
    }
    const p = this.profile.params.get(path)
    if (p) return this.isDeleted(path) ? undefined : { kind: 'param', path, def: p.def }
    const def = this.addedParams?.get(path)
    return def ? { kind: 'param', path, def } : undefined
  }

  /** The current value of a present parameter (hidden ones read back empty unless `raw`). */
  get(path: string, now: number, raw = false): { value: string; type: XsdType } | undefined {
    const node = this.node(path)
    if (node?.kind !== 'param') return undefined
    const type = node.def.xsdType
    if (node.def.hidden && !raw) return { value: '', type }
    const set = this.values?.get(path)
    if (set !== undefined) return { value: set, type }
    const p = this.profile.params.get(path)
    if (p) return { value: typeof p.value === 'string' ? p.value : p.value(this.ctx, p, now), type }
    if (node.def.name.endsWith('NumberOfEntries')) {
      return { value: String(this.countInstances(path.slice(0, -'NumberOfEntries'.length) + '.')), type }
    }
    return { value: defaultValueOf(node.def), type }
  }

  /** Stores a value (no checks: callers validate against the data model first). */
  set(path: string, value: string): void {
    ;(this.values ??= new Map()).set(path, value)
  }

  /** Every present node at or under `prefix` ('' = everything), in tree order, profile nodes first. */
  *walk(prefix: string): Generator<TreeNode> {
    for (const e of this.profile.entries) {
      const path = e.kind === 'object' ? e.object.path : e.param.path
      if (!path.startsWith(prefix) || this.isDeleted(path)) continue
      yield e.kind === 'object'
        ? { kind: 'object', path, def: e.object.def, objectKind: e.object.kind }
        : { kind: 'param', path, def: e.param.def }
    }
    if (this.addedObjects) {
      for (const [path, o] of this.addedObjects) if (path.startsWith(prefix)) yield { kind: 'object', path, def: o.def, objectKind: o.kind }
    }
    if (this.addedParams) {
      for (const [path, def] of this.addedParams) if (path.startsWith(prefix)) yield { kind: 'param', path, def }
    }
  }

  /** Present instance numbers of a table (concrete path ending in `.`). */
  instancesOf(tablePath: string): number[] {
    const out: number[] = []
    for (const n of this.profile.tableInstances.get(tablePath) ?? []) if (!this.isDeleted(`${tablePath}${n}.`)) out.push(n)
    for (const n of this.addedInstances?.get(tablePath) ?? []) out.push(n)
    return out
  }

  /** How many instances a table has now. */
  countInstances(tablePath: string): number {
    return this.instancesOf(tablePath).length
  }

  /**
   * Creates an instance of a table with its defaults (AddObject; `asCpe` also allows tables only
   * the CPE fills, such as diagnostic results or deployment units). Returns the instance number.
   */
  addInstance(tablePath: string, asCpe = false): number {
    const table = this.node(tablePath)
    if (table?.kind !== 'object' || table.objectKind !== 'table') throw new TreeError(9005, `${tablePath} is not a table`)
    if (!asCpe && !table.def.writable) throw new TreeError(9005, `${tablePath} does not accept AddObject`)
    const present = this.instancesOf(tablePath)
    if (table.def.maxEntries !== null && present.length >= table.def.maxEntries) throw new TreeError(9004, `${tablePath} is full`)
    const n = this.nextInstance?.get(tablePath) ?? Math.max(0, ...present, ...(this.profile.tableInstances.get(tablePath) ?? [])) + 1
    ;(this.nextInstance ??= new Map()).set(tablePath, n + 1)
    const instancePath = `${tablePath}${n}.`
    const objects = (this.addedObjects ??= new Map())
    const params = (this.addedParams ??= new Map())
    objects.set(instancePath, { def: table.def, kind: 'instance' })
    const template = this.profile.instanceTemplate(table.def.path)
    for (const o of template.objects) objects.set(instancePath + o.rel, { def: o.def, kind: o.kind })
    for (const p of template.params) params.set(instancePath + p.rel, p.def)
    const numbers = (this.addedInstances ??= new Map()).get(tablePath)
    if (numbers) numbers.add(n)
    else this.addedInstances.set(tablePath, new Set([n]))
    return n
  }

  /** Removes an instance and everything below it (DeleteObject). */
  deleteInstance(instancePath: string, asCpe = false): void {
    const node = this.node(instancePath)
    if (node?.kind !== 'object' || node.objectKind !== 'instance') throw new TreeError(9005, `${instancePath} is not an instance`)
    if (!asCpe && !node.def.writable) throw new TreeError(9005, `${instancePath} cannot be deleted`)
    const tablePath = instancePath.replace(/\d+\.$/, '')
    const n = Number(instancePath.slice(tablePath.length, -1))
    if (this.profile.objects.has(instancePath)) (this.deleted ??= new Set()).add(instancePath)
    this.addedInstances?.get(tablePath)?.delete(n)
    dropPrefix(this.addedObjects, instancePath)
    dropPrefix(this.addedParams, instancePath)
    dropPrefix(this.values, instancePath)
    dropPrefix(this.notifications, instancePath)
    dropPrefix(this.accessLists, instancePath)
    if (this.addedInstances) for (const key of [...this.addedInstances.keys()]) if (key.startsWith(instancePath)) this.addedInstances.delete(key)
  }

  /** The notification attribute (0 off, 1 passive, 2 active); forced ones read 2 unless changed. */
  notification(path: string, def: ParameterDef): number {
    return this.notifications?.get(path) ?? (def.activeNotify === 'forceEnabled' || def.activeNotify === 'forceDefaultEnabled' ? 2 : 0)
  }

  /** Sets the notification attribute of a parameter. */
  setNotification(path: string, value: number): void {
    ;(this.notifications ??= new Map()).set(path, value)
  }

  /** The AccessList attribute (empty = ACS only). */
  accessList(path: string): string[] {
    return this.accessLists?.get(path) ?? []
  }

  /** Sets the AccessList attribute of a parameter. */
  setAccessList(path: string, list: string[]): void {
    ;(this.accessLists ??= new Map()).set(path, [...list])
  }

  /** Back to the profile's factory state (FactoryReset, BOOTSTRAP). */
  reset(): void {
    this.values = this.deleted = this.addedObjects = this.addedParams = undefined
    this.addedInstances = this.nextInstance = this.notifications = this.accessLists = undefined
  }

  private isDeleted(path: string): boolean {
    if (!this.deleted) return false
    for (const d of this.deleted) if (path.startsWith(d)) return true
    return false
  }
}

function dropPrefix<V>(map: Map<string, V> | undefined, prefix: string): void {
  if (!map) return
  for (const key of [...map.keys()]) if (key.startsWith(prefix)) map.delete(key)
}
