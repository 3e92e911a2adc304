/** Loads the generated model of a root from `src/generated/` once, then serves it from memory. */
import { readFileSync } from 'node:fs'
import { createDataModel } from './data-model.js'
import { decodeModelFile, ModelFileError } from './decode-model-file.js'
import { MANIFEST_FILE, type DataModelRoot } from './model-file.js'
import type { DataModel } from './types.js'

const GENERATED = new URL('./generated/', import.meta.url)
const SAFE_FILE_NAME = /^[a-z0-9][a-z0-9.-]*\.json$/
const cache = new Map<DataModelRoot, DataModel>()

/** The data model of `root` (TR-181 for `Device`, TR-098 for `InternetGatewayDevice`); parsed on first use. */
export function loadDataModel(root: DataModelRoot): DataModel {
  const cached = cache.get(root)
  if (cached) return cached
  if (root !== 'Device' && root !== 'InternetGatewayDevice') throw new TypeError(`unknown data-model root ${String(root)}`)
  const fileName = modelFileName(root)
  const decoded = decodeModelFile(readFileSync(new URL(fileName, GENERATED), 'utf8'), fileName)
  if (decoded.root !== root) throw new ModelFileError(`${fileName} holds ${decoded.root}, not ${root}`)
  const model = createDataModel(decoded)
  cache.set(root, model)
  return model
}

function modelFileName(root: DataModelRoot): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL(MANIFEST_FILE, GENERATED), 'utf8'))
  const fileName = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>)[root] : undefined
  if (typeof fileName !== 'string' || !SAFE_FILE_NAME.test(fileName)) throw new ModelFileError(`${MANIFEST_FILE}: no model file for ${root}`)
  return fileName
}
