/**
 * A Go CPU profile of the FerretDB the benchmark started, taken from its debug address
 * (`/debug/pprof/profile`), and a summary of it: FerretDB's CPU by MongoDB command, the share in
 * SQLite's JSON extraction and table scans, and its top functions. The summary needs `go tool
 * pprof`; without a Go toolchain the profile is kept and the command to read it is printed.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Starts a profile of `seconds` on FerretDB's debug address; resolves with the file it was saved to. */
export async function captureFerretDbProfile(debugAddr: string, seconds: number): Promise<string> {
  const response = await fetch(`http://${debugAddr}/debug/pprof/profile?seconds=${seconds}`)
  if (!response.ok) throw new Error(`FerretDB profile: HTTP ${response.status}`)
  const file = join(mkdtempSync(join(tmpdir(), 'acs-ferretdb-prof-')), 'cpu.pprof')
  writeFileSync(file, Buffer.from(await response.arrayBuffer()))
  return file
}

/** What the summary picks out of `go tool pprof -top -cum`: cumulative shares by function. */
const GROUPS: { label: string; pattern: RegExp }[] = [
  { label: 'SQLite JSON extraction (json ->, per row read)', pattern: /sqlite\/lib\._jsonExtractFunc$/ },
  { label: 'SQLite table scans (btree next)', pattern: /sqlite\/lib\._sqlite3BtreeNext$/ },
  { label: 'queries (sqlite collection.Query)', pattern: /backends\/sqlite\.\(\*collection\)\.Query$/ },
  { label: 'updates in place (sqlite collection.UpdateAll)', pattern: /backends\/sqlite\.\(\*collection\)\.UpdateAll$/ },
]

function goPprof(args: string[]): string | undefined {
  const run = spawnSync('go', ['tool', 'pprof', ...args], { encoding: 'utf8', timeout: 60_000 })
  return run.status === 0 ? run.stdout : undefined
}

/** `name -> cum%` from pprof's -top -cum table. */
function cumulativeShares(table: string): Map<string, number> {
  const shares = new Map<string, number>()
  for (const line of table.split('\n')) {
    const m = /^\s*\S+\s+\S+%\s+\S+%\s+\S+\s+([\d.]+)%\s+(.+)$/.exec(line)
    if (m) shares.set(m[2]!.trim(), Number(m[1]))
  }
  return shares
}

/** The printable summary of a profile file. */
export function summarizeFerretDbProfile(file: string): string {
  const cum = goPprof(['-top', '-cum', '-nodecount=400', file])
  const flat = goPprof(['-top', '-nodecount=8', file])
  if (cum === undefined || flat === undefined) return `  FerretDB profile saved to ${file} (no Go toolchain here to read it: go tool pprof -top ${file})`
  const shares = cumulativeShares(cum)
  const byCommand = [...shares]
    .flatMap(([name, share]) => {
      const m = /handler\.\(\*Handler\)\.Msg(\w+)$/.exec(name)
      return m ? [`${m[1]!.toLowerCase()} ${share.toFixed(1)}%`] : []
    })
    .join(', ')
  const groups = GROUPS.map(({ label, pattern }) => {
    const share = [...shares].find(([name]) => pattern.test(name))?.[1] ?? 0
    return `    ${share.toFixed(1).padStart(5)}%  ${label}`
  })
  const top = flat
    .split('\n')
    .filter((l) => /^\s*[\d.]+m?s\s/.test(l))
    .map((l) => `    ${l.trim()}`)
  return [
    `  FerretDB CPU profile (${file}), share of its CPU:`,
    `    by command: ${byCommand || 'none found'}`,
    ...groups,
    '    top functions (flat, flat%, sum%, cum, cum%):',
    ...top,
  ].join('\n')
}
