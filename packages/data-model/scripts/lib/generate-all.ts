/**
 * Generates every shipped model from a directory of BBF XML files: the model files plus the
 * manifest that tells the loader which file holds which root.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DataModelRoot, ModelManifest } from '../../src/model-file.js'
import { buildModelFile, type GeneratedModel } from './build-model-file.js'

/** The BBF files the shipped models come from: the newest full model of each root. */
export const SOURCE_FILES = ['tr-181-2-17-0-cwmp-full.xml', 'tr-098-1-8-0-full.xml'] as const

/** Everything that goes into `src/generated/`, keyed by file name. */
export interface GeneratedFiles {
  models: GeneratedModel[]
  files: Map<string, string>
}

/** Builds all models from `sharedDir` (a copy of the BBF data-models folder) in memory. */
export function generateAll(sharedDir: string): GeneratedFiles {
  const models = SOURCE_FILES.map((name) => buildModelFile(readFileSync(join(sharedDir, name), 'utf8'), name))
  const manifest: Partial<ModelManifest> = {}
  for (const model of models) {
    if (manifest[model.root]) throw new Error(`two source files define the ${model.root} root`)
    manifest[model.root] = model.fileName
  }
  const roots: DataModelRoot[] = ['Device', 'InternetGatewayDevice']
  const missing = roots.filter((root) => !manifest[root])
  if (missing.length > 0) throw new Error(`no source file defines ${missing.join(', ')}`)
  const files = new Map<string, string>()
  for (const model of models) files.set(model.fileName, model.text)
  files.set('manifest.json', `${JSON.stringify(manifest, Object.keys(manifest).sort(), 2)}\n`)
  return { models, files }
}
