/** From profiles and what is known of a device to its desired state. */
import { FACT_PARAMETERS, type DeviceFacts } from '../profiles/device-facts.js'
import { matchFilter, type MatchResult } from '../profiles/device-filter.js'
import type { Profile } from '../profiles/profile.schema.js'
import type { TemplateContext } from '../profiles/template.js'
import type { DesiredState, Layer, RenderProblem } from './desired-state.js'
import { managementLayers, type ManagementInput } from './management-layers.js'
import { byPrecedence, mergeLayers } from './merge-layers.js'
import { renderProfile, type RenderModel } from './render-profile.js'

/** Inputs of computeDesired. */
export interface DesiredInput extends TemplateContext {
  profiles: readonly Profile[]
  /** Built-in management layers; omitted for a view of the profiles alone. */
  management?: Omit<ManagementInput, 'root'>
  model: RenderModel
  /**
   * Include profiles whose filter depends on a fact not known yet (for planning what to read);
   * the state is then unresolved until the fact is read. Off when deciding what to write.
   */
  includeUnknown: boolean
}

/** A profile's match outcome for the device. */
export interface ProfileMatch {
  id: string
  name: string
  priority: number
  result: MatchResult
}

/** Which profiles match the device (enabled, same root), in precedence order. */
export function matchProfiles(profiles: readonly Profile[], facts: DeviceFacts): ProfileMatch[] {
  return profiles
    .filter((p) => p.enabled && p.dataModelRoot === facts.dataModelRoot)
    .map((p) => ({ id: p.id, name: p.name, priority: p.priority, result: matchFilter(p.filter, facts) }))
    .filter((m) => m.result !== 'no-match')
    .sort((a, b) => byPrecedence({ priority: a.priority, source: a.id }, { priority: b.priority, source: b.id }))
}

/** The merged, rendered desired state and which profiles took part. */
export function computeDesired(input: DesiredInput): { state: DesiredState; matches: ProfileMatch[] } {
  const { facts } = input
  const matches = matchProfiles(input.profiles, facts)
  const byId = new Map(input.profiles.map((p) => [p.id, p]))
  const layers: Layer[] = input.management ? managementLayers({ root: facts.dataModelRoot, ...input.management }) : []
  const problems: RenderProblem[] = []
  const unresolved = new Set<string>()
  const waiting = new Set<string>()
  const dependencies = new Set<string>(Object.values(FACT_PARAMETERS).map((r) => `${facts.dataModelRoot}.${r}`))
  for (const m of matches) {
    if (m.result === 'unknown') {
      if (!input.includeUnknown) continue
      for (const [fact, relative] of Object.entries(FACT_PARAMETERS)) {
        if (facts[fact as keyof typeof FACT_PARAMETERS] === undefined) unresolved.add(`${facts.dataModelRoot}.${relative}`)
      }
    }
    const rendered = renderProfile(byId.get(m.id)!, input, input.model)
    layers.push(rendered.layer)
    problems.push(...rendered.problems)
    for (const p of rendered.unresolved) unresolved.add(p)
    for (const p of rendered.waiting) waiting.add(p)
    for (const p of rendered.dependencies) dependencies.add(p)
  }
  const merged = mergeLayers(layers)
  return {
    state: {
      ...merged,
      problems,
      unresolved: [...unresolved].sort(),
      waiting: [...waiting].sort(),
      dependencies: [...dependencies].sort(),
      sources: [...layers].sort(byPrecedence).map((l) => l.source),
    },
    matches: input.includeUnknown ? matches : matches.filter((m) => m.result === 'match'),
  }
}
