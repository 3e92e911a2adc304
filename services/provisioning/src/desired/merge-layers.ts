/** Merges rendered layers: where two set the same thing, the higher priority wins, and it shows. */
import { objectIdentity, type DesiredAttribute, type DesiredObject, type DesiredParameter, type Layer, type Override } from './desired-state.js'

/** Layers in precedence order: priority descending, then source ascending (deterministic ties). */
export function byPrecedence(a: Pick<Layer, 'priority' | 'source'>, b: Pick<Layer, 'priority' | 'source'>): number {
  return b.priority - a.priority || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0)
}

/** The merged settings with the overrides that happened; outputs are sorted by name. */
export function mergeLayers(layers: readonly Layer[]): {
  parameters: DesiredParameter[]
  objects: DesiredObject[]
  attributes: DesiredAttribute[]
  overrides: Override[]
} {
  const ordered = [...layers].sort(byPrecedence)
  const parameters = new Map<string, DesiredParameter>()
  const objects = new Map<string, DesiredObject>()
  const attributes = new Map<string, DesiredAttribute>()
  const losers = new Map<string, { winner: string; losers: string[] }>()
  const lose = (target: string, winner: string, loser: string) => {
    const entry = losers.get(target) ?? { winner, losers: [] }
    if (!entry.losers.includes(loser)) entry.losers.push(loser)
    losers.set(target, entry)
  }
  for (const layer of ordered) {
    for (const p of layer.parameters) {
      const have = parameters.get(p.name)
      if (have) lose(p.name, have.source, layer.source)
      else parameters.set(p.name, p)
    }
    for (const o of layer.objects) {
      const id = objectIdentity(o)
      const have = objects.get(id)
      if (have) lose(id, have.source, layer.source)
      else objects.set(id, o)
    }
    for (const a of layer.attributes) {
      const have = attributes.get(a.name)
      if (have) lose(`attribute ${a.name}`, have.source, layer.source)
      else attributes.set(a.name, a)
    }
  }
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v)
  return {
    parameters: sorted(parameters),
    objects: sorted(objects),
    attributes: sorted(attributes),
    overrides: [...losers.entries()].map(([target, e]) => ({ target, winner: e.winner, losers: e.losers })).sort((a, b) => (a.target < b.target ? -1 : 1)),
  }
}
