/**
 * NATS + MongoDB for the benchmarks' distributed mode: the servers in NATS_URL / MONGODB_URL, or a
 * nats-server and a FerretDB started here on free loopback ports (stopped by the returned
 * function), with what it takes to read their CPU and FerretDB's per-command counters.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { connect, createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

/** The nats-server and FerretDB processes started here (none when the servers came from the environment). */
export interface ExternalPids {
  nats?: number
  mongo?: number
  /** FerretDB's debug HTTP address, for its per-command request counters. */
  mongoDebug?: string
}

/** Running servers: the environment that points a child at them, a label for the report, and how to stop them. */
export interface DistributedServers {
  env: { NATS_URL: string; MONGODB_URL: string }
  label: string
  pids: ExternalPids
  stop: () => void
}

async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const { port } = s.address() as AddressInfo
  await new Promise((r) => s.close(r))
  return port
}

async function waitForPort(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1', () => (c.end(), resolve(true)))
      c.on('error', () => resolve(false))
    })
    if (ok) return true
    await sleep(100)
  }
  return false
}

/** The servers, or why there are none (a reason to print as "skipped"). */
export async function startDistributedServers(): Promise<DistributedServers | string> {
  const { NATS_URL, MONGODB_URL } = process.env
  if (NATS_URL && MONGODB_URL) return { env: { NATS_URL, MONGODB_URL }, label: ' (NATS_URL, MONGODB_URL from the environment)', pids: {}, stop: () => undefined }
  const ferret = [process.env.ACS_FERRETDB_BIN, `${process.env.ACS_CI_CACHE ?? '/var/cache/acs-ci'}/ferretdb-v1.24.2`, '/work/cache/ferretdb-bin/ferretdb'].find((p): p is string => Boolean(p && existsSync(p)))
  if (!existsSync('/usr/sbin/nats-server')) return 'nats-server not found at /usr/sbin/nats-server'
  if (!ferret) return 'FerretDB not found (set ACS_FERRETDB_BIN)'
  const dir = mkdtempSync(join(tmpdir(), 'acs-bench-srv-'))
  mkdirSync(join(dir, 'ferret'), { recursive: true })
  const [np, mp, dp] = [await freePort(), await freePort(), await freePort()]
  const nats = spawn('/usr/sbin/nats-server', ['-js', '-a', '127.0.0.1', '-p', String(np), '-sd', join(dir, 'nats')], { stdio: 'ignore' })
  const mongo = spawn(ferret, ['--handler=sqlite', `--sqlite-url=file:${join(dir, 'ferret')}/`, `--listen-addr=127.0.0.1:${mp}`, `--debug-addr=127.0.0.1:${dp}`, '--telemetry=disable', '--log-level=error'], { stdio: 'ignore' })
  const stop = (): void => {
    nats.kill('SIGTERM')
    mongo.kill('SIGTERM')
    setTimeout(() => rmSync(dir, { recursive: true, force: true }), 500).unref()
  }
  if (!(await waitForPort(np, 10_000)) || !(await waitForPort(mp, 15_000))) {
    stop()
    return 'nats-server or FerretDB did not start'
  }
  return {
    env: { NATS_URL: `nats://127.0.0.1:${np}`, MONGODB_URL: `mongodb://127.0.0.1:${mp}/` },
    label: ' (nats-server + FerretDB/SQLite started by the bench)',
    pids: { nats: nats.pid!, mongo: mongo.pid!, mongoDebug: `127.0.0.1:${dp}` },
    stop,
  }
}

/** FerretDB's request counters by command (empty when unknown). */
export async function mongoCommandCounts(debugAddr: string | undefined): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  if (debugAddr === undefined) return counts
  try {
    const text = await (await fetch(`http://${debugAddr}/debug/metrics`)).text()
    for (const line of text.split('\n')) {
      const m = /^ferretdb_client_requests_total\{[^}]*command="([^"]+)"[^}]*\} (\d+)/.exec(line)
      if (m) counts[m[1]!] = (counts[m[1]!] ?? 0) + Number(m[2])
    }
  } catch {
    /* metrics unavailable: leave the counts empty */
  }
  return counts
}

/** user+system CPU of another process, in microseconds (0 when unknown or gone). */
export function procCpuMicros(pid: number | undefined): number {
  if (pid === undefined) return 0
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10_000 // USER_HZ = 100
  } catch {
    return 0
  }
}
