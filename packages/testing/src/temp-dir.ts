import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh directory under the system temp dir, and the way to remove it. */
export interface TempDir {
  path: string
  /** Removes the directory and everything in it (no error if already gone). */
  remove(): Promise<void>
}

/** Creates a unique empty directory for one test (e.g. an embedded store's data dir). */
export async function tempDir(prefix = 'acs-test-'): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix))
  return { path, remove: () => rm(path, { recursive: true, force: true }) }
}
