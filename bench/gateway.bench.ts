/**
 * Gateway benchmark: full Inform sessions (Inform -> InformResponse -> empty POST -> 204) over
 * real keep-alive HTTP, driven by @acs/cpe-sim's load driver, against
 *   (1) the floor: a bare node:http server answering the same two requests with canned bytes,
 *   (2) the gateway in the embedded default (in-process bus + LMDB in a temp dir),
 *   (3) the gateway on NATS + MongoDB (NATS_URL/MONGODB_URL, else its own nats-server + FerretDB).
 * Layout (decided): the server under test runs in one child process and the load driver in
 * another, so they do not share a CPU's time slices and the server's CPU per session can be read
 * from its own process.cpuUsage(). This orchestrator only coordinates over IPC.
 * Per mode: warm-up, a closed-loop run at full speed (sessions/s, p50/p99, CPU us/session), then an
 * open-loop run at half the achieved rate (p99 target < 20 ms). Ratios to the floor are checked
 * against the targets (embedded >= 25 %, NATS + MongoDB >= 12 %).
 * ACS_BENCH_PROFILE=1 runs each gateway with --cpu-prof and prints where its time goes.
 * ACS_FERRETDB_BIN overrides the FerretDB binary.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { connect, createServer as createTcpServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import type { GatewayDeps } from '@acs/gateway'

type Mode = 'floor' | 'embedded' | 'nats-mongo'
type PinoFactory = (options: { level: string }) => GatewayDeps['logger']
interface Load { sessionsPerSecond: number; sessions: number; failed: number; latencyMs: { p50: number; p99: number; max: number }; errors: Record<string, number> }
type Msg = { type: 'ready'; url: string } | { type: 'cpu'; micros: number } | { type: 'result'; result: Load } | { type: 'error'; message: string }

const SELF = fileURLToPath(import.meta.url)
const EXEC_ARGV = ['--conditions=source', '--import', 'tsx']
const role = process.argv[2] ?? 'main'
const DEVICES = 2_000
const CONCURRENCY = 32
const WARMUP_MS = 2_000
const RUN_MS = 6_000
const HALF_RATE_MS = 5_000

function ask(child: ChildProcess, msg: object, type: Msg['type']): Promise<Msg> {
  return new Promise((resolve, reject) => {
    const onMsg = (m: Msg) => {
      if (m.type === 'error') reject(new Error(m.message))
      else if (m.type === type) {
        child.off('message', onMsg)
        resolve(m)
      }
    }
    child.on('message', onMsg)
    child.once('exit', (code) => reject(new Error(`child exited with ${code}`)))
    if (Object.keys(msg).length > 0) child.send(msg)
  })
}

// ---------------------------------------------------------------- server role (child)
async function serve(mode: Mode): Promise<void> {
  let close: () => Promise<void>
  let url: string
  if (mode === 'floor') {
    const ok = Buffer.from('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap:Header><cwmp:ID soap:mustUnderstand="1">1</cwmp:ID></soap:Header><soap:Body><cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse></soap:Body></soap:Envelope>')
    const headers = { 'content-type': 'text/xml; charset="utf-8"', 'content-length': String(ok.length), 'set-cookie': 'acs_session=00000000-0000-0000-0000-000000000000; Path=/; HttpOnly' }
    const server = createHttpServer((req, res) => {
      let n = 0
      req.on('data', (c: Buffer) => (n += c.length))
      req.on('end', () => (n > 0 ? res.writeHead(200, headers).end(ok) : res.writeHead(204).end()))
    })
    server.keepAliveTimeout = 15_000
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/acs`
    close = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()) })
  } else {
    // pino is a dependency of the gateway, not of the repository root: load it from there.
    const { createRequire } = await import('node:module')
    const { pino } = createRequire(fileURLToPath(import.meta.resolve('@acs/gateway')))('pino') as { pino: PinoFactory }
    const { createInProcessBus, createNatsBus } = await import('@acs/bus')
    const { openEmbeddedStore, openMongoStore } = await import('@acs/store')
    const { createGateway, loadGatewayConfig } = await import('@acs/gateway')
    const config = loadGatewayConfig({ ACS_GATEWAY_ID: `bench-${mode}`, ACS_INFORM_RATE_PER_IP: '0', ACS_GATEWAY_MAX_SESSIONS: '10000', ACS_GATEWAY_SECRET: 'bench-secret-bench-secret' })
    const logger = pino({ level: 'silent' })
    const dir = mkdtempSync(join(tmpdir(), 'acs-gw-bench-'))
    const suffix = `b${process.pid}`
    const bus = mode === 'embedded' ? createInProcessBus() : await createNatsBus({ servers: process.env.NATS_URL!, name: 'bench-gateway', namespace: suffix })
    const store = mode === 'embedded' ? await openEmbeddedStore({ dir }) : await openMongoStore({ url: process.env.MONGODB_URL!, dbName: `acs_bench_${suffix}` })
    const gateway = await createGateway({ config, bus, store, logger })
    await gateway.start()
    const { port } = await gateway.listen({ host: '127.0.0.1', port: 0 })
    url = `http://127.0.0.1:${port}/acs`
    close = async () => {
      await gateway.close()
      if (store.backend.kind === 'mongo') await store.backend.db.dropDatabase().catch(() => undefined)
      await bus.close()
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
  let mark = process.cpuUsage()
  process.on('message', (m: { type: string }) => {
    if (m.type === 'cpu') {
      const d = process.cpuUsage(mark)
      mark = process.cpuUsage()
      process.send!({ type: 'cpu', micros: d.user + d.system })
    } else if (m.type === 'stop') void close().then(() => process.exit(0))
  })
  process.send!({ type: 'ready', url })
}

// ---------------------------------------------------------------- load role (child)
async function drive(): Promise<void> {
  const { runInformLoad } = await import('@acs/cpe-sim')
  process.on('message', (m: { type: string; options: Parameters<typeof runInformLoad>[0] }) => {
    if (m.type !== 'run') return
    runInformLoad(m.options).then(
      (result) => process.send!({ type: 'result', result }),
      (err: unknown) => process.send!({ type: 'error', message: String(err) }),
    )
  })
  process.send!({ type: 'ready', url: '' })
}

// ---------------------------------------------------------------- orchestrator
async function freePort(): Promise<number> {
  const s = createTcpServer()
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

/** NATS + MongoDB URLs: from the environment, or servers started here (stopped by the returned function). */
async function distributedServers(): Promise<{ env: Record<string, string>; stop: () => void; pids: number[] } | string> {
  if (process.env.NATS_URL && process.env.MONGODB_URL) return { env: { NATS_URL: process.env.NATS_URL, MONGODB_URL: process.env.MONGODB_URL }, stop: () => {}, pids: [] }
  const ferret = [process.env.ACS_FERRETDB_BIN, `${process.env.ACS_CI_CACHE ?? '/var/cache/acs-ci'}/ferretdb-v1.24.2`, '/work/cache/ferretdb-bin/ferretdb'].find((p) => p && existsSync(p))
  if (!existsSync('/usr/sbin/nats-server')) return 'nats-server not found at /usr/sbin/nats-server'
  if (!ferret) return 'FerretDB not found (set ACS_FERRETDB_BIN)'
  const dir = mkdtempSync(join(tmpdir(), 'acs-gw-bench-srv-'))
  const [np, mp, dp] = [await freePort(), await freePort(), await freePort()]
  const nats = spawn('/usr/sbin/nats-server', ['-js', '-a', '127.0.0.1', '-p', String(np), '-sd', join(dir, 'nats')], { stdio: 'ignore' })
  const mongo = spawn(ferret, ['--handler=sqlite', `--sqlite-url=file:${join(dir, 'ferret')}/`, `--listen-addr=127.0.0.1:${mp}`, `--debug-addr=127.0.0.1:${dp}`, '--telemetry=disable', '--log-level=error'], { stdio: 'ignore' })
  const { mkdirSync } = await import('node:fs')
  mkdirSync(join(dir, 'ferret'), { recursive: true })
  const stop = () => {
    nats.kill('SIGTERM')
    mongo.kill('SIGTERM')
    setTimeout(() => rmSync(dir, { recursive: true, force: true }), 500).unref()
  }
  if (!(await waitForPort(np, 10_000)) || !(await waitForPort(mp, 15_000))) {
    stop()
    return 'nats-server or FerretDB did not start'
  }
  return { env: { NATS_URL: `nats://127.0.0.1:${np}`, MONGODB_URL: `mongodb://127.0.0.1:${mp}/` }, stop, pids: [nats.pid!, mongo.pid!] }
}

/** user+system CPU of other processes (nats-server, FerretDB), in microseconds. */
function procCpuMicros(pids: number[]): number {
  let ticks = 0
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      ticks += Number(fields[11]) + Number(fields[12])
    } catch {
      /* process gone */
    }
  }
  return ticks * 10_000 // USER_HZ = 100
}

interface ModeResult { mode: Mode; full: Load; half: Load; cpuPerSession: number; externalCpuPerSession?: number; profile?: string }

async function measure(mode: Mode, load: ChildProcess, env: Record<string, string>, externalPids: number[]): Promise<ModeResult> {
  const profileDir = process.env.ACS_BENCH_PROFILE && mode !== 'floor' ? mkdtempSync(join(tmpdir(), 'acs-gw-prof-')) : undefined
  const execArgv = profileDir ? [...EXEC_ARGV, '--cpu-prof', `--cpu-prof-dir=${profileDir}`] : EXEC_ARGV
  const server = fork(SELF, ['server', mode], { execArgv, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  try {
    const { url } = (await ask(server, {}, 'ready')) as { url: string }
    const run = async (options: object) => ((await ask(load, { type: 'run', options: { url, devices: DEVICES, concurrency: CONCURRENCY, ...options } }, 'result')) as { result: Load }).result
    await run({ durationMs: WARMUP_MS })
    await ask(server, { type: 'cpu' }, 'cpu')
    const ext0 = procCpuMicros(externalPids)
    const full = await run({ durationMs: RUN_MS })
    const { micros } = (await ask(server, { type: 'cpu' }, 'cpu')) as { micros: number }
    const ext = procCpuMicros(externalPids) - ext0
    const half = await run({ durationMs: HALF_RATE_MS, ratePerSecond: Math.max(1, Math.floor(full.sessionsPerSecond / 2)) })
    const result: ModeResult = { mode, full, half, cpuPerSession: micros / Math.max(1, full.sessions) }
    if (externalPids.length > 0) result.externalCpuPerSession = ext / Math.max(1, full.sessions)
    server.send({ type: 'stop' })
    await new Promise((r) => server.once('exit', r))
    if (profileDir) result.profile = topFunctions(profileDir)
    return result
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL')
  }
}

/** The 15 functions with the most self time in a .cpuprofile, with their share. */
function topFunctions(dir: string): string {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
  if (!file) return '(no profile written)'
  const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: { id: number; hitCount?: number; callFrame: { functionName: string; url: string; lineNumber: number } }[] }
  const total = prof.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0)
  const byFn = new Map<string, number>()
  for (const n of prof.nodes) {
    const where = n.callFrame.url.replace(/^.*\/(node_modules\/(\.pnpm\/)?|work\/main\/)/, '').slice(-70)
    const key = `${n.callFrame.functionName || '(anonymous)'} ${where}:${n.callFrame.lineNumber + 1}`
    byFn.set(key, (byFn.get(key) ?? 0) + (n.hitCount ?? 0))
  }
  const lines = [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `    ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
  return `  profile (${dir}):\n${lines.join('\n')}`
}

async function main(): Promise<void> {
  const load = fork(SELF, ['load'], { execArgv: EXEC_ARGV, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  await ask(load, {}, 'ready')
  const results: ModeResult[] = []
  let skipped: string | undefined
  try {
    results.push(await measure('floor', load, {}, []))
    results.push(await measure('embedded', load, {}, []))
    const servers = await distributedServers()
    if (typeof servers === 'string') skipped = servers
    else {
      try {
        results.push(await measure('nats-mongo', load, servers.env, servers.pids))
      } finally {
        servers.stop()
      }
    }
  } finally {
    load.kill('SIGTERM')
  }
  print(results, skipped)
}

function print(results: ModeResult[], skipped: string | undefined): void {
  const floor = results.find((r) => r.mode === 'floor')!.full.sessionsPerSecond
  const target: Record<Mode, number> = { floor: 1, embedded: 0.25, 'nats-mongo': 0.12 }
  const f = (n: number, d = 1) => n.toFixed(d)
  process.stdout.write(`gateway: full Inform sessions over keep-alive HTTP, ${DEVICES} devices, ${CONCURRENCY} connections, ${RUN_MS / 1000} s per run\n`)
  process.stdout.write('mode          sessions/s   p50 ms   p99 ms   CPU us/session   vs floor   target   p99 @ half rate (target < 20 ms)\n')
  for (const r of results) {
    const ratio = r.full.sessionsPerSecond / floor
    const ok = r.mode === 'floor' ? '' : ratio >= target[r.mode] ? 'met' : 'MISSED'
    const halfOk = r.half.latencyMs.p99 < 20 ? 'met' : 'MISSED'
    const ext = r.externalCpuPerSession !== undefined ? ` (+${f(r.externalCpuPerSession, 0)} nats+ferretdb)` : ''
    process.stdout.write(
      `${r.mode.padEnd(12)} ${f(r.full.sessionsPerSecond).padStart(11)} ${f(r.full.latencyMs.p50, 2).padStart(8)} ${f(r.full.latencyMs.p99, 2).padStart(8)} ${f(r.cpuPerSession, 0).padStart(16)}${ext}` +
        `   ${(r.mode === 'floor' ? '100%' : `${f(ratio * 100)}%`).padStart(8)}   ${r.mode === 'floor' ? '' : `>=${target[r.mode] * 100}% ${ok}`}` +
        `   ${f(r.half.sessionsPerSecond)}/s p50 ${f(r.half.latencyMs.p50, 2)} p99 ${f(r.half.latencyMs.p99, 2)} ${halfOk}\n`,
    )
    const errs = { ...r.full.errors, ...r.half.errors }
    if (r.full.failed + r.half.failed > 0) process.stdout.write(`  failed sessions: ${r.full.failed + r.half.failed} ${JSON.stringify(errs)}\n`)
    if (r.profile) process.stdout.write(`${r.profile}\n`)
  }
  if (skipped) process.stdout.write(`nats-mongo: skipped (${skipped})\n`)
}

if (role === 'server') await serve(process.argv[3] as Mode)
else if (role === 'load') await drive()
else await main()
