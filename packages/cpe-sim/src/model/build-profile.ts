import { loadDataModel, type ObjectDef, type ParameterDef } from '@acs/data-model'
import type {
  DeviceProfile,
  InstanceTemplate,
  ObjectKind,
  ProfileEntry,
  ProfileName,
  ProfileObject,
  ProfileParam,
  ValueSource,
} from './profile-types.js'
import { countOfTable, defaultValueOf, hashString } from './value-helpers.js'

/** What a profile is made of: which objects exist (tables with an instance count) and non-default values. */
export interface ProfileSpec {
  readonly name: ProfileName
  readonly root: 'Device' | 'InternetGatewayDevice'
  readonly identity: DeviceProfile['identity']
  /** Object template paths in parent-first order; a table instance path `X.{i}.` takes a count per parent. */
  readonly objects: readonly (string | readonly [string, number])[]
  /** Value sources by parameter template path; the rest come from the data model's defaults. */
  readonly values: Readonly<Record<string, ValueSource>>
  /** Parameters a CPE of this model also sends in every Inform (e.g. the default WAN address, TR-098). */
  readonly extraForcedInform?: readonly string[]
}

/** Thrown when a profile names an object or parameter its data model does not have. */
export class ProfileSpecError extends Error {
  override readonly name = 'ProfileSpecError'
}

/** Expands a spec against its data model into the shared tree every device of the model uses. */
export function buildProfile(spec: ProfileSpec): DeviceProfile {
  const model = loadDataModel(spec.root)
  const rootPath = `${spec.root}.`
  const concrete = new Map<string, { path: string; instances: number[] }[]>([[rootPath, [{ path: rootPath, instances: [] }]]])
  const objects = new Map<string, ProfileObject>()
  const tableInstances = new Map<string, number[]>()
  const rootDef = objectDef(model.lookup(rootPath), rootPath)
  objects.set(rootPath, { path: rootPath, def: rootDef, kind: 'single' })

  for (const item of spec.objects) {
    const [template, count] = typeof item === 'string' ? [item, 1] : item
    const def = objectDef(model.lookup(template), template)
    if (def.path !== template) throw new ProfileSpecError(`${template}: the model names it ${def.path}`)
    const isInstance = template.endsWith('.{i}.')
    const own = isInstance ? template.slice(0, -'{i}.'.length) : template
    const parentTemplate = own.replace(/[^.]+\.$/, '')
    const name = own.slice(parentTemplate.length)
    const parents = concrete.get(parentTemplate)
    if (!parents) throw new ProfileSpecError(`${template}: list its parent ${parentTemplate} first`)
    const out: { path: string; instances: number[] }[] = []
    for (const parent of parents) {
      const path = parent.path + name
      if (!isInstance) {
        objects.set(path, { path, def, kind: 'single' })
        out.push({ path, instances: parent.instances })
        continue
      }
      objects.set(path, { path, def, kind: 'table' })
      const numbers: number[] = []
      for (let i = 1; i <= count; i++) {
        const instancePath = `${path}${i}.`
        objects.set(instancePath, { path: instancePath, def, kind: 'instance' })
        out.push({ path: instancePath, instances: [...parent.instances, i] })
        numbers.push(i)
      }
      tableInstances.set(path, numbers)
    }
    concrete.set(template, [...(concrete.get(template) ?? []), ...out])
  }

  const params = new Map<string, ProfileParam>()
  for (const [template, list] of concrete) {
    const def = objectDef(model.lookup(template), template)
    for (const { path, instances } of list) {
      for (const p of def.parameters) {
        if (p.status === 'obsoleted') continue
        const full = path + p.name
        params.set(full, { path: full, def: p, object: path, instances, value: sourceFor(spec, p), hash: hashString(full) })
      }
    }
  }
  for (const template of Object.keys(spec.values)) {
    if (!model.lookup(template)) throw new ProfileSpecError(`value for ${template}: not in ${model.model}`)
  }

  const entries: ProfileEntry[] = []
  for (const object of objects.values()) entries.push({ kind: 'object', object })
  for (const param of params.values()) entries.push({ kind: 'param', param })
  entries.sort((a, b) => compareKeys(sortKey(a), sortKey(b)))

  const forcedInform = [...params.values()].filter((p) => p.def.forcedInform).map((p) => p.path)
  for (const extra of spec.extraForcedInform ?? []) {
    if (!params.has(extra)) throw new ProfileSpecError(`forced inform ${extra}: not in the profile`)
    if (!forcedInform.includes(extra)) forcedInform.push(extra)
  }

  const templates = new Map<string, InstanceTemplate>()
  return {
    name: spec.name,
    root: spec.root,
    model,
    entries,
    params,
    objects,
    tableInstances,
    forcedInform,
    identity: spec.identity,
    instanceTemplate(tableTemplate) {
      let t = templates.get(tableTemplate)
      if (!t) {
        t = instanceTemplateOf(model.lookup(tableTemplate), tableTemplate, model)
        templates.set(tableTemplate, t)
      }
      return t
    },
  }
}

function objectDef(def: ReturnType<DeviceProfile['model']['lookup']>, path: string): ObjectDef {
  if (def?.kind !== 'object') throw new ProfileSpecError(`${path} is not an object of the data model`)
  return def
}

function sourceFor(spec: ProfileSpec, p: ParameterDef): ValueSource {
  const given = spec.values[p.path]
  if (given !== undefined) return given
  if (p.name.endsWith('NumberOfEntries')) return countOfTable(p.name.slice(0, -'NumberOfEntries'.length))
  return defaultValueOf(p)
}

/** The sub-tree a new instance gets: its parameters, single-instance children (recursively) and empty tables. */
function instanceTemplateOf(def: ReturnType<DeviceProfile['model']['lookup']>, path: string, model: DeviceProfile['model']): InstanceTemplate {
  const root = objectDef(def, path)
  const objectsOut: { rel: string; def: ObjectDef; kind: ObjectKind }[] = []
  const paramsOut: { rel: string; def: ParameterDef }[] = []
  const walk = (o: ObjectDef, rel: string): void => {
    for (const p of o.parameters) if (p.status !== 'obsoleted') paramsOut.push({ rel: rel + p.name, def: p })
    for (const child of model.children(o.path) ?? []) {
      if (child.kind !== 'object' || child.status === 'obsoleted') continue
      const childName = child.path.slice(o.path.length)
      if (childName.endsWith('{i}.')) {
        objectsOut.push({ rel: rel + childName.slice(0, -'{i}.'.length), def: child, kind: 'table' })
      } else {
        objectsOut.push({ rel: rel + childName, def: child, kind: 'single' })
        walk(child, rel + childName)
      }
    }
  }
  walk(root, '')
  return { objects: objectsOut, params: paramsOut }
}

function sortKey(e: ProfileEntry): string {
  const path = e.kind === 'object' ? e.object.path : `${e.param.object}\u0000${e.param.path.slice(e.param.object.length)}`
  return path.replace(/(^|\.)(\d+)(?=\.)/g, (_, dot: string, n: string) => `${dot}${n.padStart(6, '0')}`)
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
