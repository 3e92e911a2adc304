/** What to read (one GetParameterValues) before deciding what to write. */
import type { DesiredState } from '../desired/desired-state.js'

/**
 * Every readable desired parameter, every table an object rule inspects (as a partial path),
 * every parameter a template or a filter still waits for, and the settings waiting on them. Names covered by a partial path
 * in the list are left out. Write-only parameters are never read: they read back empty.
 */
export function readSet(state: DesiredState): string[] {
  const partial = new Set(state.objects.map((o) => o.table))
  const names = new Set<string>()
  for (const p of state.parameters) if (!p.writeOnly) names.add(p.name)
  for (const p of [...state.unresolved, ...state.waiting]) (p.endsWith('.') ? partial : names).add(p)
  const covered = (name: string) => [...partial].some((t) => name !== t && name.startsWith(t))
  const tables = [...partial].filter((t) => !covered(t)).sort()
  return [...tables, ...[...names].filter((n) => !covered(n)).sort()]
}

/** Whether every name of the read set is already known (e.g. from the inform), so no read is needed. */
export function allKnown(names: readonly string[], values: ReadonlyMap<string, string>): boolean {
  return names.every((n) => !n.endsWith('.') && values.has(n))
}
