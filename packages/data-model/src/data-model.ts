/** The in-memory data model of one root: path lookup, value validation and tree walking. */
import { checkValue } from './check-value.js'
import type { DecodedModel } from './decode-model-file.js'
import type { DataModelRoot } from './model-file.js'
import { toTemplatePath } from './path.js'
import type { DataModel, Definition, ObjectDef, ParameterDef, ValidationFaultCode, ValidationResult } from './types.js'

/** Builds the indexes of a decoded model file. */
export function createDataModel(decoded: DecodedModel): DataModel {
  return new IndexedDataModel(decoded)
}

class IndexedDataModel implements DataModel {
  readonly root: DataModelRoot
  readonly model: string
  readonly source: string
  private readonly objectsByPath = new Map<string, ObjectDef>()
  private readonly parametersByPath = new Map<string, ParameterDef>()
  private readonly childObjects = new Map<string, ObjectDef[]>()

  constructor(decoded: DecodedModel) {
    this.root = decoded.root
    this.model = decoded.model
    this.source = decoded.source
    for (const object of decoded.objects) {
      this.objectsByPath.set(object.path, object)
      for (const parameter of object.parameters) this.parametersByPath.set(parameter.path, parameter)
      if (object.parent === undefined) continue
      const siblings = this.childObjects.get(object.parent)
      if (siblings) siblings.push(object)
      else this.childObjects.set(object.parent, [object])
    }
  }

  lookup(path: string): Definition | undefined {
    if (typeof path !== 'string') return undefined
    const template = toTemplatePath(path)
    if (template === undefined) return undefined
    if (!template.endsWith('.')) return this.parametersByPath.get(template)
    return this.objectsByPath.get(template) ?? this.objectsByPath.get(`${template}{i}.`)
  }

  validate(path: string, value: string, xsdType?: string): ValidationResult {
    const def = this.lookup(path)
    if (!def) return fault(9005, `${path} is not a parameter of ${this.model}`)
    if (def.kind === 'object') return fault(9005, `${path} is an object of ${this.model}, not a parameter`)
    if (!def.writable) return fault(9008, `${path} is read-only`)
    if (xsdType !== undefined) {
      const given = xsdType.startsWith('xsd:') ? xsdType : `xsd:${xsdType}`
      if (given !== def.xsdType) return fault(9006, `${path} takes ${def.xsdType}, not ${given}`)
    }
    if (typeof value !== 'string') return fault(9007, `${path}: the value must be given as a string`)
    const reason = checkValue(def, value)
    if (reason) return fault(9007, `${path}: ${reason}`)
    return { ok: true, xsdType: def.xsdType }
  }

  children(objectPath: string): readonly Definition[] | undefined {
    const def = this.lookup(objectPath)
    if (def?.kind !== 'object') return undefined
    return [...def.parameters, ...(this.childObjects.get(def.path) ?? [])]
  }

  objects(): IterableIterator<ObjectDef> {
    return this.objectsByPath.values()
  }

  *parameters(): IterableIterator<ParameterDef> {
    for (const object of this.objectsByPath.values()) yield* object.parameters
  }
}

function fault(code: ValidationFaultCode, message: string): ValidationResult {
  return { ok: false, code, message }
}
