/** Access to the shared CWMP corpus (../shared/corpus from the repository root), which may be absent. */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root: three levels up from packages/cwmp/test. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..')

/** The corpus directory. */
export const CORPUS_DIR = resolve(REPO_ROOT, '..', 'shared', 'corpus')

/** One manifest record (the fields the tests use). */
export interface CorpusEntry {
  path: string
  message_types: string[]
  event_codes: string[]
  well_formed: boolean
}

/** Whether the corpus is present; in CI its absence is an error, locally a skip with a reason. */
export function corpusAvailable(): boolean {
  const present = existsSync(join(CORPUS_DIR, 'cwmp', 'manifest.json'))
  if (!present && process.env.CI) throw new Error(`CWMP corpus missing at ${CORPUS_DIR} (required in CI)`)
  if (!present) console.warn(`skipping corpus tests: no CWMP corpus at ${CORPUS_DIR}`)
  return present
}

/** The manifest records. */
export function corpusEntries(): CorpusEntry[] {
  return JSON.parse(readFileSync(join(CORPUS_DIR, 'cwmp', 'manifest.json'), 'utf8')) as CorpusEntry[]
}

/** The bytes of one corpus file. */
export function corpusFile(entry: CorpusEntry): Buffer {
  return readFileSync(join(CORPUS_DIR, entry.path))
}
