/** Checks a profile against the Broadband Forum data model of its root before it is saved. */
import type { DataModel, ParameterDef } from '@acs/data-model'
import type { ProfileInput } from './profile.schema.js'
import { isTemplated, parseTemplate, TemplateSyntaxError } from './template.js'
import { periodicInformParameters } from './periodic-inform.js'

/** One problem, naming the parameter (or object) and where it sits in the request body. */
export interface ProfileProblem {
  /** JSON pointer into the profile, e.g. /parameters/3/value. */
  pointer: string
  /** The parameter or object path concerned. */
  parameter: string
  message: string
}

/** The profile does not fit the data model; `problems` lists every finding. */
export class ProfileValidationError extends Error {
  readonly code = 'ACS_ERR_PROVISIONING_PROFILE_INVALID'
  constructor(readonly problems: ProfileProblem[]) {
    super(problems.map((p) => `${p.parameter}: ${p.message}`).join('; '))
    this.name = 'ProfileValidationError'
  }
}

const VENDOR_SEGMENT = /(^|\.)X_[A-Za-z0-9_-]+/

function isVendorPath(path: string): boolean {
  return VENDOR_SEGMENT.test(path)
}

type Lookup = { def: ParameterDef } | { error: string } | { vendor: true }

function lookupParameter(model: DataModel, path: string): Lookup {
  const def = model.lookup(path)
  if (def?.kind === 'parameter') return { def }
  if (def) return { error: 'is an object, not a parameter' }
  if (isVendorPath(path)) return { vendor: true }
  return { error: `is not a parameter of ${model.model}` }
}

/**
 * Validates names, writability, types, ranges and enumerations, and fills in each value's
 * xsd type from the model. Throws ProfileValidationError listing every problem.
 */
export function validateProfile(input: ProfileInput, model: DataModel): ProfileInput {
  const problems: ProfileProblem[] = []
  const root = input.dataModelRoot
  const add = (pointer: string, parameter: string, message: string) => problems.push({ pointer, parameter, message })

  const checkValue = (pointer: string, path: string, value: string, type: string | undefined): string | undefined => {
    if (!path.startsWith(`${root}.`) || path.endsWith('.')) {
      add(`${pointer}/name`, path, `must be a parameter path under ${root}.`)
      return undefined
    }
    if (isTemplated(value)) {
      try {
        parseTemplate(value)
      } catch (err) {
        if (!(err instanceof TemplateSyntaxError)) throw err
        add(`${pointer}/value`, path, err.message)
        return undefined
      }
    }
    const found = lookupParameter(model, path)
    if ('error' in found) {
      add(`${pointer}/name`, path, found.error)
      return undefined
    }
    if ('vendor' in found) {
      if (!type) add(`${pointer}/type`, path, 'is a vendor extension unknown to the data model: give its type')
      return type
    }
    if (!found.def.writable) {
      add(`${pointer}/name`, path, 'is not writable')
      return undefined
    }
    if (isTemplated(value)) {
      if (type && type !== found.def.xsdType) add(`${pointer}/type`, path, `has type ${found.def.xsdType}, not ${type}`)
      return found.def.xsdType
    }
    const result = model.validate(path, value, type)
    if (!result.ok) {
      add(`${pointer}/value`, path, result.message)
      return undefined
    }
    return result.xsdType
  }

  const parameters = input.parameters.map((p, i) => ({ ...p, type: checkValue(`/parameters/${i}`, p.name, p.value, p.type) ?? p.type }))
  const seen = new Set<string>()
  parameters.forEach((p, i) => {
    if (seen.has(p.name)) add(`/parameters/${i}/name`, p.name, 'is set twice')
    seen.add(p.name)
  })

  if (input.periodicInform) {
    for (const p of periodicInformParameters(root, input.periodicInform)) {
      if (seen.has(p.name)) add('/periodicInform', p.name, 'is set both by periodicInform and in parameters')
      checkValue('/periodicInform', p.name, p.value, undefined)
    }
  }

  const objectKeys = new Set<string>()
  const objects = input.objects.map((o, i) => {
    const pointer = `/objects/${i}`
    if (!o.table.startsWith(`${root}.`)) add(`${pointer}/table`, o.table, `must be under ${root}.`)
    const def = model.lookup(o.table)
    if (!def && !isVendorPath(o.table)) add(`${pointer}/table`, o.table, `is not an object of ${model.model}`)
    else if (def && (def.kind !== 'object' || !def.multiInstance || /\.\d+\.$/.test(o.table))) add(`${pointer}/table`, o.table, 'is not a multi-instance table (give the table path without an instance number)')
    else if (def && def.kind === 'object' && !def.writable) add(`${pointer}/table`, o.table, 'does not allow adding or deleting instances')
    const identity = `${o.table}|${o.key.map((k) => `${k.name}=${k.value}`).sort().join('&')}`
    if (objectKeys.has(identity)) add(pointer, o.table, 'the same instance key appears twice')
    objectKeys.add(identity)
    const typed = (list: typeof o.key, field: string) =>
      list.map((p, j) => ({ ...p, type: checkValue(`${pointer}/${field}/${j}`, `${o.table}1.${p.name}`, p.value, p.type) ?? p.type }))
    return { ...o, key: typed(o.key, 'key'), parameters: o.parameters ? typed(o.parameters, 'parameters') : undefined }
  })

  input.attributes.forEach((a, i) => {
    const pointer = `/attributes/${i}`
    if (!a.name.startsWith(`${root}.`)) return add(`${pointer}/name`, a.name, `must be under ${root}.`)
    if (a.notification === undefined && a.accessList === undefined) add(pointer, a.name, 'sets neither notification nor accessList')
    const def = model.lookup(a.name)
    if (!def) {
      if (!isVendorPath(a.name)) add(`${pointer}/name`, a.name, `is not a parameter or object of ${model.model}`)
      return
    }
    if (def.kind === 'parameter' && a.notification !== undefined) {
      if (def.activeNotify === 'forceEnabled' && a.notification !== 2) add(`${pointer}/notification`, a.name, 'has forced active notification; the CPE rejects other values (9009)')
    }
  })

  if (problems.length > 0) throw new ProfileValidationError(problems)
  return { ...input, parameters, objects }
}
