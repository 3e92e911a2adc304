import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { generateAll } from '../scripts/lib/generate-all.js'

// The BBF XML lives outside the repository (../shared/data-models); ACS_BBF_DATA_MODELS overrides it.
const sharedDir = process.env.ACS_BBF_DATA_MODELS ?? fileURLToPath(new URL('../../../../shared/data-models/', import.meta.url))
const generatedDir = fileURLToPath(new URL('../src/generated/', import.meta.url))
const available = existsSync(sharedDir)
if (!available && process.env.CI) throw new Error(`CI needs the BBF XML to check src/generated: ${sharedDir} not found`)
if (!available) console.warn(`data-model: skipping the up-to-date check of src/generated: ${sharedDir} not found`)

describe.skipIf(!available)(`generated files are up to date with ${sharedDir}${available ? '' : ' (skipped: directory not found)'}`, () => {
  const { files } = available ? generateAll(sharedDir) : { files: new Map<string, string>() }

  it('has no committed JSON file that the generator would not write', () => {
    const committed = readdirSync(generatedDir).filter((name) => name.endsWith('.json')).sort()
    expect(committed).toEqual([...files.keys()].sort())
  })

  it('matches a fresh generation byte for byte (run `pnpm --filter @acs/data-model generate` if not)', () => {
    for (const [name, text] of files) expect(readFileSync(`${generatedDir}${name}`, 'utf8'), name).toBe(text)
  })

  it('keeps every model file under 2 MB', () => {
    for (const [name, text] of files) expect(Buffer.byteLength(text), name).toBeLessThan(2_000_000)
  })
})
