/** Renders one profile's templates for one device. */
import type { Profile } from '../profiles/profile.schema.js'
import { periodicInformParameters } from '../profiles/periodic-inform.js'
import { referencedParameter, refLabel, renderTemplate, templateRefs, type TemplateContext } from '../profiles/template.js'
import type { DesiredInstanceValue, Layer, RenderProblem, XsdType } from './desired-state.js'

/** What rendering asks of the data model. */
export interface RenderModel {
  /** Reads back empty (hidden or secured in the data model). */
  isWriteOnly(path: string): boolean
  /** A rendered value checked against the model: undefined when fine, else why not. */
  check(path: string, value: string, type: XsdType): string | undefined
}

/** A rendered profile plus what kept parts of it out. */
export interface RenderedProfile {
  layer: Layer
  problems: RenderProblem[]
  /** Parameters whose values the templates need before they can render. */
  unresolved: string[]
  /** Targets (parameters, tables) left out until those are read. */
  waiting: string[]
  /** Every parameter the templates draw on. */
  dependencies: string[]
}

/** Renders a profile's values for the device in `ctx`; what cannot render is reported, not guessed. */
export function renderProfile(profile: Profile, ctx: TemplateContext, model: RenderModel): RenderedProfile {
  const problems: RenderProblem[] = []
  const unresolved = new Set<string>()
  const waiting = new Set<string>()
  const dependencies = new Set<string>()
  const root = ctx.facts.dataModelRoot

  const render = (target: string, value: string, type: XsdType, waitTarget = target): string | undefined => {
    for (const ref of templateRefs(value)) {
      const dep = referencedParameter(ref, root)
      if (dep) dependencies.add(dep)
    }
    const result = renderTemplate(value, ctx)
    if (!result.ok) {
      const needed = result.missing.map((r) => referencedParameter(r, root))
      if (needed.every((p) => p !== undefined)) {
        for (const p of needed) if (p) unresolved.add(p)
        waiting.add(waitTarget)
      } else {
        problems.push({ source: profile.id, target, message: `no value for ${result.missing.map(refLabel).join(', ')}` })
      }
      return undefined
    }
    if (result.value !== value) {
      const why = model.check(target, result.value, type)
      if (why) {
        problems.push({ source: profile.id, target, message: `rendered value ${JSON.stringify(result.value)}: ${why}` })
        return undefined
      }
    }
    return result.value
  }

  const parameters: Layer['parameters'] = []
  const all = [...profile.parameters, ...(profile.periodicInform ? periodicInformParameters(root, profile.periodicInform) : [])]
  for (const p of all) {
    const type = (p.type ?? 'xsd:string') as XsdType
    const value = render(p.name, p.value, type)
    if (value !== undefined) parameters.push({ name: p.name, value, type, writeOnly: model.isWriteOnly(p.name), source: profile.id })
  }

  const objects: Layer['objects'] = []
  for (const o of profile.objects) {
    const instanceValues = (list: readonly { name: string; value: string; type?: string }[]): DesiredInstanceValue[] | undefined => {
      const out: DesiredInstanceValue[] = []
      for (const v of list) {
        const path = `${o.table}1.${v.name}`
        const type = (v.type ?? 'xsd:string') as XsdType
        const value = render(path, v.value, type, o.table)
        if (value === undefined) return undefined
        out.push({ name: v.name, value, type, writeOnly: model.isWriteOnly(path) })
      }
      return out
    }
    const key = instanceValues(o.key)
    const params = instanceValues(o.parameters ?? [])
    if (key && params) objects.push({ table: o.table, key, present: o.present, parameters: params, source: profile.id })
  }

  const attributes: Layer['attributes'] = profile.attributes.map((a) => ({
    name: a.name,
    ...(a.notification !== undefined ? { notification: a.notification } : {}),
    ...(a.accessList !== undefined ? { accessList: a.accessList } : {}),
    source: profile.id,
  }))

  return {
    layer: { source: profile.id, priority: profile.priority, parameters, objects, attributes },
    problems,
    unresolved: [...unresolved],
    waiting: [...waiting],
    dependencies: [...dependencies],
  }
}
