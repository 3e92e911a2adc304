/**
 * Gateway benchmark: full Inform sessions (Inform -> InformResponse -> empty POST -> 204) over
 * real keep-alive HTTP, driven by @acs/cpe-sim's load driver, against
 *   (1) the floor: a bare node:http server answering the same two requests with canned bytes,
 *   (2) the gateway in the embedded default (in-process bus + LMDB in a temp dir),
 *   (3) the gateway on NATS + MongoDB (NATS_URL/MONGODB_URL, else its own nats-server + FerretDB),
 *   (4) diagnostic: the gateway on NATS with the embedded store, which separates NATS's share
 *       from the MongoDB server's (FerretDB's SQLite backend costs milliseconds of CPU per update).
 * Layout (decided): the server under test runs in one child process and the load driver in
 * another, so they do not share a CPU's time slices and the server's CPU per session can be read
 * from its own process.cpuUsage(). This orchestrator only coordinates over IPC.
 * All servers stay up; after a warm-up each (one session per device, then WARMUP_MS), interleaved
 * rounds give every server a short closed-loop run (sessions/s, p50/p99, CPU us/session) and the
 * per-round ratio to the floor, so the shared host's load drift cancels out (medians reported);
 * then an open-loop run per server at half its rate (p99 target < 20 ms). Targets: embedded >= 25 % of the floor, NATS + MongoDB >= 12 %.
 * ACS_BENCH_PROFILE=1 runs each gateway with --cpu-prof and prints where its time goes; it also
 * takes a Go CPU profile of the FerretDB it started during an extra 10 s of NATS + MongoDB load.
 * ACS_FERRETDB_BIN overrides the FerretDB binary; ACS_BENCH_EMBEDDED_ONLY=1 skips NATS + MongoDB.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import type { GatewayDeps } from '@acs/gateway'
import { mongoCommandCounts, procCpuMicros, startDistributedServers, type ExternalPids } from './support/distributed-servers.js'
import { askChild } from './support/ask-child.js'
import { captureFerretDbProfile, summarizeFerretDbProfile } from './support/ferretdb-profile.js'

type Mode = 'floor' | 'embedded' | 'nats-mongo' | 'nats-embedded'
type PinoFactory = (options: { level: string }) => GatewayDeps['logger']
interface Load { sessionsPerSecond: number; sessions: number; failed: number; latencyMs: { p50: number; p99: number; max: number }; errors: Record<string, number> }
type Msg = { type: 'ready'; url: string } | { type: 'cpu'; micros: number } | { type: 'result'; result: Load } | { type: 'error'; message: string }

const SELF = fileURLToPath(import.meta.url)
const EXEC_ARGV = ['--conditions=source', '--import', 'tsx']
const role = process.argv[2] ?? 'main'
const DEVICES = 2_000
const CONCURRENCY = 32
const WARMUP_MS = 2_000
const ROUNDS = 5
const ROUND_MS = 3_000
const HALF_RATE_MS = 4_000

const ask = (child: ChildProcess, msg: object, type: Msg['type']): Promise<Msg> => askChild<Msg, Msg['type']>(child, Object.keys(msg).length > 0 ? msg : undefined, type)

// ---------------------------------------------------------------- server role (child)
async function serve(mode: Mode): Promise<void> {
  let close: () => Promise<void>
  let url: string
  if (mode === 'floor') {
    const ok = Buffer.from('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap:Header><cwmp:ID soap:mustUnderstand="1">1</cwmp:ID></soap:Header><soap:Body><cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse></soap:Body></soap:Envelope>')
    // A cookie as long as the gateway's: session id and the base64url of a load device's id.
    const cookie = `acs_session=00000000-0000-0000-0000-000000000000.${Buffer.from('00D09E-LOAD-181-LD0000010000').toString('base64url')}; Path=/; HttpOnly`
    const headers = { 'content-type': 'text/xml; charset="utf-8"', 'content-length': String(ok.length), 'set-cookie': cookie }
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
    const store = mode === 'nats-mongo' ? await openMongoStore({ url: process.env.MONGODB_URL!, dbName: `acs_bench_${suffix}` }) : await openEmbeddedStore({ dir })
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
interface ModeResult {
  mode: Mode
  /** Medians over the rounds. */
  sessionsPerSecond: number
  ratioToFloor: number
  p50: number
  p99: number
  cpuPerSession: number
  /** CPU per session in nats-server and in the MongoDB server, when this benchmark started them. */
  natsCpuPerSession?: number
  mongoCpuPerSession?: number
  /** MongoDB commands per session by name (FerretDB's counters, over all rounds). */
  mongoCommandsPerSession?: Record<string, number>
  half?: Load
  failed: number
  errors: Record<string, number>
  profile?: string
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

/** A server child under test: its URL, and its CPU used since the last reading. */
interface ServerUnderTest {
  mode: Mode
  url: string
  child: ChildProcess
  profileDir?: string
  externalPids: ExternalPids
}

async function startServer(mode: Mode, env: Record<string, string>, externalPids: ExternalPids): Promise<ServerUnderTest> {
  const profileDir = process.env.ACS_BENCH_PROFILE && mode !== 'floor' ? mkdtempSync(join(tmpdir(), 'acs-gw-prof-')) : undefined
  const execArgv = profileDir ? [...EXEC_ARGV, '--cpu-prof', `--cpu-prof-dir=${profileDir}`] : EXEC_ARGV
  const child = fork(SELF, ['server', mode], { execArgv, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const { url } = (await ask(child, {}, 'ready')) as { url: string }
  return profileDir ? { mode, url, child, profileDir, externalPids } : { mode, url, child, externalPids }
}

async function stopServer(s: ServerUnderTest): Promise<string | undefined> {
  if (s.child.exitCode === null) {
    s.child.send({ type: 'stop' })
    await Promise.race([new Promise((r) => s.child.once('exit', r)), sleep(15_000)])
    if (s.child.exitCode === null) s.child.kill('SIGKILL')
  }
  return s.profileDir ? topFunctions(s.profileDir) : undefined
}

/**
 * Interleaved rounds: every server gets a short closed-loop run per round, so each round's ratio
 * to the floor compares runs seconds apart and the host's load drift mostly cancels out; medians
 * over the rounds are reported. Then one open-loop run per server at half its median rate.
 */
async function measureAll(servers: ServerUnderTest[], load: ChildProcess): Promise<ModeResult[]> {
  const run = async (s: ServerUnderTest, options: object) =>
    ((await ask(load, { type: 'run', options: { url: s.url, devices: DEVICES, concurrency: CONCURRENCY, ...options } }, 'result')) as { result: Load }).result
  const cpu = async (s: ServerUnderTest) => ((await ask(s.child, { type: 'cpu' }, 'cpu')) as { micros: number }).micros
  // Every device informs once before the rounds, so that they measure the periodic Informs of
  // devices the ACS knows in every mode (a first Inform also registers the device); at the NATS +
  // FerretDB rate, the fixed warm-up alone reached only a fraction of the devices.
  for (const s of servers) {
    await run(s, { sessions: DEVICES })
    await run(s, { durationMs: WARMUP_MS })
  }
  const rounds = new Map<Mode, { load: Load; cpu: number; nats: number; mongo: number; commands: Record<string, number> }[]>(servers.map((s) => [s.mode, []]))
  for (let r = 0; r < ROUNDS; r++) {
    for (const s of servers) {
      await cpu(s)
      const nats0 = procCpuMicros(s.externalPids.nats)
      const mongo0 = procCpuMicros(s.externalPids.mongo)
      const commands0 = await mongoCommandCounts(s.externalPids.mongoDebug)
      const result = await run(s, { durationMs: ROUND_MS })
      const n = Math.max(1, result.sessions)
      const commands = await mongoCommandCounts(s.externalPids.mongoDebug)
      for (const [name, count] of Object.entries(commands)) commands[name] = count - (commands0[name] ?? 0)
      rounds.get(s.mode)!.push({
        load: result,
        cpu: (await cpu(s)) / n,
        nats: (procCpuMicros(s.externalPids.nats) - nats0) / n,
        mongo: (procCpuMicros(s.externalPids.mongo) - mongo0) / n,
        commands,
      })
    }
  }
  const floorRounds = rounds.get('floor')!
  const results: ModeResult[] = []
  for (const s of servers) {
    const rs = rounds.get(s.mode)!
    const sps = median(rs.map((x) => x.load.sessionsPerSecond))
    const errors: Record<string, number> = {}
    for (const x of rs) for (const [k, v] of Object.entries(x.load.errors)) errors[k] = (errors[k] ?? 0) + v
    const result: ModeResult = {
      mode: s.mode,
      sessionsPerSecond: sps,
      ratioToFloor: median(rs.map((x, i) => x.load.sessionsPerSecond / Math.max(1, floorRounds[i]!.load.sessionsPerSecond))),
      p50: median(rs.map((x) => x.load.latencyMs.p50)),
      p99: median(rs.map((x) => x.load.latencyMs.p99)),
      cpuPerSession: median(rs.map((x) => x.cpu)),
      failed: rs.reduce((n, x) => n + x.load.failed, 0),
      errors,
    }
    if (s.externalPids.nats !== undefined) result.natsCpuPerSession = median(rs.map((x) => x.nats))
    if (s.externalPids.mongo !== undefined) result.mongoCpuPerSession = median(rs.map((x) => x.mongo))
    if (s.externalPids.mongoDebug !== undefined) {
      const total = rs.reduce((n, x) => n + x.load.sessions + x.load.failed, 0)
      const perSession: Record<string, number> = {}
      for (const x of rs) for (const [name, count] of Object.entries(x.commands)) if (count > 0) perSession[name] = (perSession[name] ?? 0) + count / Math.max(1, total)
      result.mongoCommandsPerSession = perSession
    }
    result.half = await run(s, { durationMs: HALF_RATE_MS, ratePerSecond: Math.max(1, Math.floor(sps / 2)) })
    results.push(result)
  }
  return results
}

/** FerretDB's own CPU profile while the gateway on it runs closed-loop load (what its time goes to). */
async function profileFerretDb(s: ServerUnderTest, load: ChildProcess): Promise<string> {
  const seconds = 10
  try {
    const capture = captureFerretDbProfile(s.externalPids.mongoDebug!, seconds)
    await ask(load, { type: 'run', options: { url: s.url, devices: DEVICES, concurrency: CONCURRENCY, durationMs: seconds * 1000 } }, 'result')
    return summarizeFerretDbProfile(await capture)
  } catch (err) {
    return `  (no FerretDB profile: ${String(err)})`
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
  const servers: ServerUnderTest[] = []
  let skipped: string | undefined
  let stopExternal = () => {}
  let results: ModeResult[] = []
  const profiles: string[] = []
  try {
    servers.push(await startServer('floor', {}, {}))
    servers.push(await startServer('embedded', {}, {}))
    const external = process.env.ACS_BENCH_EMBEDDED_ONLY ? 'ACS_BENCH_EMBEDDED_ONLY is set' : await startDistributedServers()
    if (typeof external === 'string') skipped = external
    else {
      stopExternal = external.stop
      servers.push(await startServer('nats-mongo', external.env, external.pids))
      servers.push(await startServer('nats-embedded', { NATS_URL: external.env.NATS_URL! }, { ...(external.pids.nats !== undefined ? { nats: external.pids.nats } : {}) }))
    }
    results = await measureAll(servers, load)
    const ferret = servers.find((s) => s.externalPids.mongoDebug !== undefined)
    if (process.env.ACS_BENCH_PROFILE && ferret) profiles.push(`nats-mongo (FerretDB)\n${await profileFerretDb(ferret, load)}`)
  } finally {
    for (const s of servers) {
      const profile = await stopServer(s)
      if (profile) profiles.push(`${s.mode}\n${profile}`)
    }
    stopExternal()
    load.kill('SIGTERM')
  }
  print(results, skipped)
  for (const p of profiles) process.stdout.write(`${p}\n`)
}

function print(results: ModeResult[], skipped: string | undefined): void {
  const target: Record<Mode, number | undefined> = { floor: 1, embedded: 0.25, 'nats-mongo': 0.12, 'nats-embedded': undefined }
  const f = (n: number, d = 1) => n.toFixed(d)
  process.stdout.write(
    `gateway: full Inform sessions (Inform, InformResponse, empty POST, 204) over keep-alive HTTP; ${DEVICES} devices, ${CONCURRENCY} connections;\n` +
      `medians of ${ROUNDS} interleaved rounds of ${ROUND_MS / 1000} s; server and load driver in separate processes\n`,
  )
  process.stdout.write('mode           sessions/s   p50 ms   p99 ms  CPU us/session   vs floor  target         | half rate: sessions/s  p50 ms  p99 ms (target < 20)\n')
  for (const r of results) {
    const goal = target[r.mode]
    const verdict = r.mode === 'floor' ? '' : goal === undefined ? '(diagnostic)' : `>=${goal * 100}% ${r.ratioToFloor >= goal ? 'met' : 'MISSED'}`
    const half = r.half!
    process.stdout.write(
      `${r.mode.padEnd(13)} ${f(r.sessionsPerSecond).padStart(11)} ${f(r.p50, 2).padStart(8)} ${f(r.p99, 2).padStart(8)} ${f(r.cpuPerSession, 0).padStart(15)}` +
        `   ${`${f(r.ratioToFloor * 100)}%`.padStart(7)}  ${verdict.padEnd(13)}  |  ${f(half.sessionsPerSecond).padStart(19)} ${f(half.latencyMs.p50, 2).padStart(7)} ${f(half.latencyMs.p99, 2).padStart(7)} ${half.latencyMs.p99 < 20 ? 'met' : 'MISSED'}\n`,
    )
    const external = [
      r.natsCpuPerSession !== undefined ? `${f(r.natsCpuPerSession, 0)} us/session in nats-server` : '',
      r.mongoCpuPerSession !== undefined ? `${f(r.mongoCpuPerSession, 0)} us/session in FerretDB` : '',
    ].filter(Boolean)
    if (external.length > 0) process.stdout.write(`  + ${external.join(', ')} (not in the gateway figure)\n`)
    if (r.mongoCommandsPerSession) {
      const commands = Object.entries(r.mongoCommandsPerSession).map(([name, n]) => `${name} ${f(n, 2)}`).join(', ')
      process.stdout.write(`  MongoDB commands per session: ${commands || 'none counted'}\n`)
    }
    const failed = r.failed + half.failed
    if (failed > 0) process.stdout.write(`  failed sessions: ${failed} ${JSON.stringify({ ...r.errors, ...half.errors })}\n`)
  }
  if (skipped) process.stdout.write(`nats-mongo: skipped (${skipped})\n`)
}

if (role === 'server') await serve(process.argv[3] as Mode)
else if (role === 'load') await drive()
else await main()
