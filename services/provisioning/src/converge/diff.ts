/** What differs between the desired state and what the device reported. */
import { objectIdentity, valueDigest, type DesiredInstanceValue, type DesiredObject, type DesiredState, type XsdType } from '../desired/desired-state.js'
import { sameValue } from './value-equality.js'

/** A reported parameter value. */
export interface Reported {
  value: string
  type?: string
}

/** A value to write. */
export interface SetValue {
  name: string
  value: string
  type: XsdType
  writeOnly: boolean
}

/** An instance to create, with the values to set on it once its number is known. */
export interface AddInstance {
  identity: string
  table: string
  values: DesiredInstanceValue[]
}

/** A readable value that is not what a profile wants. */
export interface Drift {
  name: string
  desired: string
  reported: string | null
  source: string
}

/** Everything convergence has to change, in the order it is sent. */
export interface Changes {
  /** Instance paths ending in '.', e.g. Device.NAT.PortMapping.4. */
  deletes: string[]
  adds: AddInstance[]
  sets: SetValue[]
  drift: Drift[]
}

/** What was applied earlier and cannot be read back. */
export interface AppliedWriteOnly {
  /** Parameter name -> valueDigest of the value last set successfully. */
  writeOnly: ReadonlyMap<string, string>
}

/** Instance numbers under a table, with their reported values by relative name. */
export function instancesOf(table: string, reported: ReadonlyMap<string, Reported>): Map<number, Map<string, Reported>> {
  const out = new Map<number, Map<string, Reported>>()
  for (const [name, value] of reported) {
    if (!name.startsWith(table)) continue
    const rest = name.slice(table.length)
    const dot = rest.indexOf('.')
    if (dot < 1 || !/^[1-9]\d*$/.test(rest.slice(0, dot))) continue
    const n = Number(rest.slice(0, dot))
    const values = out.get(n) ?? new Map<string, Reported>()
    values.set(rest.slice(dot + 1), value)
    out.set(n, values)
  }
  return out
}

function matchesKey(o: DesiredObject, values: ReadonlyMap<string, Reported>): boolean {
  return o.key.every((k) => {
    const r = values.get(k.name)
    return r !== undefined && sameValue(k.type, k.value, r.value)
  })
}

/**
 * Compares desired with reported. A write-only value is written when it was never applied (or
 * on bootstrap, when the CPE may have been reset). Instances must have been read as partial
 * paths: a table with no reported names has no instances.
 */
export function diffState(state: DesiredState, reported: ReadonlyMap<string, Reported>, applied: AppliedWriteOnly, bootstrap: boolean): Changes {
  const changes: Changes = { deletes: [], adds: [], sets: [], drift: [] }
  const wantSet = (name: string, v: { value: string; type: XsdType; writeOnly: boolean }, source: string) => {
    if (v.writeOnly) {
      if (bootstrap || applied.writeOnly.get(name) !== valueDigest(name, v.value)) changes.sets.push({ name, value: v.value, type: v.type, writeOnly: true })
      return
    }
    const r = reported.get(name)
    if (r !== undefined && sameValue(v.type, v.value, r.value)) return
    changes.sets.push({ name, value: v.value, type: v.type, writeOnly: false })
    changes.drift.push({ name, desired: v.value, reported: r?.value ?? null, source })
  }
  for (const p of state.parameters) wantSet(p.name, p, p.source)
  for (const o of state.objects) {
    const matching = [...instancesOf(o.table, reported)].filter(([, values]) => matchesKey(o, values)).sort(([a], [b]) => a - b)
    if (!o.present) {
      for (const [n] of matching) changes.deletes.push(`${o.table}${n}.`)
      continue
    }
    if (matching.length === 0) {
      changes.adds.push({ identity: objectIdentity(o), table: o.table, values: [...o.key, ...o.parameters] })
      continue
    }
    for (const [n] of matching) for (const v of o.parameters) wantSet(`${o.table}${n}.${v.name}`, v, o.source)
  }
  return changes
}

/** Whether the inform itself shows a desired value drifted (e.g. with 4 VALUE CHANGE). */
export function informDrift(state: DesiredState, informed: ReadonlyMap<string, string>): Drift[] {
  const out: Drift[] = []
  for (const p of state.parameters) {
    if (p.writeOnly) continue
    const v = informed.get(p.name)
    if (v !== undefined && !sameValue(p.type, p.value, v)) out.push({ name: p.name, desired: p.value, reported: v, source: p.source })
  }
  return out
}
