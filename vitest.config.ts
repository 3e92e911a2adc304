import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

// Tests run the TypeScript sources of every workspace package directly: each
// package's "source" export condition names the file, so no build step is needed.
function workspaceSourceAliases(): { find: string; replacement: string }[] {
  const aliases: { find: string; replacement: string }[] = []
  for (const group of ['packages', 'services']) {
    for (const dir of readdirSync(resolve(group))) {
      const manifestPath = resolve(group, dir, 'package.json')
      if (!existsSync(manifestPath)) continue
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
        name: string
        exports?: Record<string, { source?: string }>
      }
      for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
        if (!target.source) continue
        aliases.push({
          find: subpath === '.' ? manifest.name : join(manifest.name, subpath),
          replacement: resolve(group, dir, target.source),
        })
      }
    }
  }
  // Longest first, so '@acs/contracts/testing' is matched before '@acs/contracts'.
  return aliases.sort((a, b) => b.find.length - a.find.length)
}

export default defineConfig({
  resolve: { alias: workspaceSourceAliases() },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
})
