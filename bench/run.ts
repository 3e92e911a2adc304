/**
 * `pnpm bench [name...]`: runs every bench/*.bench.ts (or those whose name contains one of
 * the arguments) one after another, each in its own Node process so that one benchmark's heap
 * and JIT state do not colour the next. Each prints its own figures.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const benchDir = dirname(fileURLToPath(import.meta.url))
const filters = process.argv.slice(2)
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()

if (files.length === 0) {
  process.stderr.write(`no benchmark matches ${filters.join(', ')}; available: ${readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).join(', ')}\n`)
  process.exit(1)
}

let failed = 0
for (const file of files) {
  process.stdout.write(`\n=== ${file} ===\n`)
  const started = Date.now()
  const result = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', join(benchDir, file)], { stdio: 'inherit' })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (result.status !== 0) {
    failed++
    process.stdout.write(`--- ${file} FAILED (exit ${result.status ?? result.signal}) after ${seconds} s\n`)
  } else {
    process.stdout.write(`--- ${file} done in ${seconds} s\n`)
  }
}
process.exit(failed > 0 ? 1 : 0)
