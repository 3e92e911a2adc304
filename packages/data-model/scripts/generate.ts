/**
 * Regenerates `src/generated/` from the Broadband Forum XML:
 *   node --conditions=source --import tsx packages/data-model/scripts/generate.ts [--shared DIR]
 * DIR defaults to the repository's sibling `../shared/data-models`.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateAll } from './lib/generate-all.js'

const packageDir = fileURLToPath(new URL('..', import.meta.url))
const outputDir = join(packageDir, 'src', 'generated')

function sharedDirFromArgs(args: readonly string[]): string {
  const index = args.indexOf('--shared')
  if (index === -1) return resolve(packageDir, '..', '..', '..', 'shared', 'data-models')
  const value = args[index + 1]
  if (!value) throw new Error('--shared needs a directory')
  return resolve(value)
}

const sharedDir = sharedDirFromArgs(process.argv.slice(2))
const { models, files } = generateAll(sharedDir)
mkdirSync(outputDir, { recursive: true })
for (const stale of readdirSync(outputDir)) {
  if (stale.endsWith('.json') && !files.has(stale)) rmSync(join(outputDir, stale))
}
for (const [name, text] of files) writeFileSync(join(outputDir, name), text)
for (const model of models) {
  const size = Buffer.byteLength(model.text)
  console.log(`${model.fileName}: ${model.model}, ${model.objectCount} objects, ${model.parameterCount} parameters, ${(size / 1024).toFixed(0)} KiB`)
}
