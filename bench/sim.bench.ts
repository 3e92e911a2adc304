/**
 * Simulator benchmark: the ACS as a fleet of simulated CPEs sees it.
 *   1. The load driver's own ceiling: runInformLoad against a bare node:http server answering
 *      canned bytes (in another process), with the driver's CPU per session.
 *   2. The simulator's memory for 10,000 devices (mixed TR-181/TR-098, after their first session).
 *   3. For the embedded default and NATS + MongoDB (NATS_URL/MONGODB_URL, else its own nats-server
 *      + FerretDB), at 1,000 and 10,000 devices, with the ACS started through
 *      @acs/standalone's startStandalone() in a child process:
 *      - first contact of every device (0 BOOTSTRAP sessions): sessions/s, p50/p99;
 *      - a periodic Inform of every device of the fleet ('2 PERIODIC', the simulator's sessions
 *        in flight): sessions/s, p50/p99;
 *      - API-queued RPC -> connection request -> delivery to the device: p50/p99
 *        (POST /api/provisioning/v1/devices/{id}/tasks with connectionRequest=true);
 *      - the ACS process's memory (RSS, heap after GC) once every device has informed.
 * ACS_SIM_BENCH_SIZES (e.g. `1000`) limits the fleet sizes (ACS_SIM_BENCH_NATS_SIZES those of NATS +
 * MongoDB, default 200, 1,000 and 10,000); ACS_SIM_BENCH_MODES (`embedded`, `nats`) the modes.
 * The MongoDB-protocol server here is FerretDB on SQLite, which scans a collection for every update
 * (milliseconds of CPU per write, growing with the fleet): in that mode fewer sessions are kept in
 * flight and first contact has a shorter deadline; a size that does not finish in time is reported
 * with how far it got, never extrapolated.
 * A figure the running ACS cannot produce (e.g. an API not mounted yet) is printed as n/a with the
 * reason, never estimated.
 */
import { fork } from 'node:child_process'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { runInformLoad, Simulator, startCannedAcs, type SimDevice } from '@acs/cpe-sim'
import { BENCH_ADMIN_KEY, forkAcs, type AcsChild } from './support/acs-child.js'
import { askChild } from './support/ask-child.js'
import { startDistributedServers } from './support/distributed-servers.js'

const SELF = fileURLToPath(import.meta.url)
const EXEC_ARGV = ['--conditions=source', '--import', 'tsx', '--expose-gc']
const sizes = (list: string): number[] => list.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0)
/** Fleet sizes measured; ACS_SIM_BENCH_SIZES=1000 runs a quicker subset. */
const SIZES = sizes(process.env.ACS_SIM_BENCH_SIZES ?? '1000,10000')
/**
 * NATS + MongoDB also measures a 200-device fleet: on FerretDB the larger fleets do not finish first
 * contact within the deadline, and the small one still gives the periodic and connection-request
 * figures through NATS. ACS_SIM_BENCH_NATS_SIZES overrides.
 */
const NATS_SIZES = sizes(process.env.ACS_SIM_BENCH_NATS_SIZES ?? process.env.ACS_SIM_BENCH_SIZES ?? '200,1000,10000')
const CR_SAMPLES = 20
/** The parameter the connection-request probe reads; nothing else in the ACS asks for it. */
const CR_PROBE = 'DeviceInfo.MemoryStatus.Free'
const MODES = (process.env.ACS_SIM_BENCH_MODES ?? 'embedded,nats').split(',').map((m) => m.trim())
/** How a mode is driven: sessions in flight during first contact, and how long first contact may take. */
interface Pace { inFlight: number; firstContactDeadlineMs: number; periodicDeadlineMs: number }
const EMBEDDED_PACE: Pace = { inFlight: 64, firstContactDeadlineMs: 300_000, periodicDeadlineMs: 120_000 }
const DISTRIBUTED_PACE: Pace = { inFlight: 8, firstContactDeadlineMs: 600_000, periodicDeadlineMs: 180_000 }
const FIRST_CONTACT_DEADLINE_MS = EMBEDDED_PACE.firstContactDeadlineMs
const f = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : 'n/a')
const out = (line: string): void => void process.stdout.write(`${line}\n`)

type CannedMsg = { type: 'ready'; cwmpUrl: string } | { type: 'cpu'; micros: number }

// ------------------------------------------------------------------ child roles
async function childCanned(): Promise<void> {
  const acs = await startCannedAcs()
  let mark = process.cpuUsage()
  process.on('message', (m: { type: string }) => {
    if (m.type === 'cpu') {
      const d = process.cpuUsage(mark)
      mark = process.cpuUsage()
      process.send?.({ type: 'cpu', micros: d.user + d.system })
    } else if (m.type === 'stop') void acs.close().then(() => process.exit(0))
  })
  process.send?.({ type: 'ready', cwmpUrl: acs.url })
}

// ------------------------------------------------------------------ measurements
async function driverCeiling(): Promise<void> {
  const server = fork(SELF, ['canned'], { execArgv: EXEC_ARGV, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  try {
    const { cwmpUrl: url } = await askChild<CannedMsg, 'ready'>(server, undefined, 'ready')
    await runInformLoad({ url, devices: 2_000, concurrency: 32, durationMs: 2_000 })
    await askChild<CannedMsg, 'cpu'>(server, { type: 'cpu' }, 'cpu')
    const cpu0 = process.cpuUsage()
    const r = await runInformLoad({ url, devices: 2_000, concurrency: 32, durationMs: 6_000 })
    const cpu = process.cpuUsage(cpu0)
    const { micros: serverMicros } = await askChild<CannedMsg, 'cpu'>(server, { type: 'cpu' }, 'cpu')
    const driverUs = (cpu.user + cpu.system) / Math.max(1, r.sessions)
    out('load driver vs a bare node:http server answering canned bytes (separate processes, 32 connections, 6 s):')
    out(`  ${f(r.sessionsPerSecond)} sessions/s, p50 ${f(r.latencyMs.p50, 2)} ms, p99 ${f(r.latencyMs.p99, 2)} ms, failed ${r.failed}`)
    out(`  driver CPU ${f(driverUs, 0)} us/session (= ${f(1e6 / driverUs, 0)} sessions/s per driver core); server CPU ${f(serverMicros / Math.max(1, r.sessions), 0)} us/session`)
  } finally {
    server.send({ type: 'stop' })
  }
}

async function simulatorMemory(): Promise<void> {
  const acs = await startCannedAcs()
  // bench/run.ts starts this process without --expose-gc; memory figures need a collection first.
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  gc()
  const before = process.memoryUsage().heapUsed
  const sim = await Simulator.start({ url: acs.url, devices: 10_000, model: 'mixed', concurrency: 64, periodicIntervalSeconds: 86_400 })
  await waitFor(() => sim.stats.sessionsOk + sim.stats.sessionsFailed >= 10_000, FIRST_CONTACT_DEADLINE_MS)
  gc()
  const after = process.memoryUsage()
  out(`simulator: 10,000 devices (mixed TR-181/TR-098) after their first session: heap +${f((after.heapUsed - before) / 2 ** 20)} MiB (${f((after.heapUsed - before) / 10_000 / 1024, 2)} KiB/device), process RSS ${f(after.rss / 2 ** 20)} MiB`)
  await sim.stop(1_000)
  await acs.close()
}

interface SizeResult { devices: number; firstContact: string; periodic: string; cr: string; memory: string }

/** The servers a mode needs (fresh for every size, so one size's data cannot slow the next), or why they are missing. */
type Backing = () => Promise<{ env: Record<string, string>; label: string; stop: () => void } | string>

async function measureAcs(mode: string, backing: Backing, pace: Pace, fleetSizes: number[]): Promise<void> {
  const results: SizeResult[] = []
  let label = ''
  for (const devices of fleetSizes) {
    const servers = await backing()
    if (typeof servers === 'string') {
      out(`\n${mode}: skipped (${servers})`)
      return
    }
    label = servers.label
    let acs: AcsChild | undefined
    let sim: Simulator | undefined
    let phase = 'ACS start'
    try {
      acs = await forkAcs({ ...servers.env, ACS_GATEWAY_MAX_SESSIONS: '10000' })
      const { cwmpUrl, apiUrl } = acs
      phase = 'first contact'
      const delivered = new Map<SimDevice, number>()
      sim = await Simulator.start(
        { url: cwmpUrl, devices, model: 'mixed', concurrency: pace.inFlight, periodicIntervalSeconds: 86_400, seed: devices },
        {
          onRpc: (d, req) => {
            if (req.method === 'GetParameterValues' && req.parameterNames.includes(`${d.root}.${CR_PROBE}`) && !delivered.has(d)) delivered.set(d, performance.now())
          },
        },
      )
      const t0 = performance.now()
      const done = await waitFor(() => sim !== undefined && sim.stats.sessionsOk + sim.stats.sessionsFailed >= devices, pace.firstContactDeadlineMs)
      const s = sim.stats.snapshot()
      const seconds = (performance.now() - t0) / 1000
      const reached = done ? '' : ` (deadline of ${f(pace.firstContactDeadlineMs / 1000, 0)} s hit: ${s.sessionsOk} of ${devices} devices had completed a session)`
      const firstContact = `${f(s.sessionsOk / seconds)}/s p50 ${f(s.latencyMs.p50, 1)} p99 ${f(s.latencyMs.p99, 1)} ms${s.sessionsFailed ? ` (${s.sessionsFailed} failed: ${JSON.stringify(s.failures)})` : ''}${reached}`
      // A fleet that did not finish first contact is stopped there: its memory is measured, the
      // load phases are not (the remaining first contacts would compete with them).
      if (!done) await sim.stop(5_000)
      await waitFor(() => sim?.stats.sessionsActive === 0, 30_000)
      const mem = await acs.memory()
      const memory = `RSS ${f(mem.rss / 2 ** 20)} MiB, heap ${f(mem.heapUsed / 2 ** 20)} MiB${done ? '' : ` (${s.sessionsOk} devices informed)`}`
      if (!done) {
        const skipped = 'n/a (first contact did not finish within its deadline)'
        results.push({ devices, firstContact, periodic: skipped, cr: skipped, memory })
        continue
      }
      phase = 'periodic informs'
      const periodic = await periodicWave(sim, pace.periodicDeadlineMs)
      phase = 'connection-request probe'
      const cr = await connectionRequestLatency(sim, apiUrl, delivered)
      results.push({ devices, firstContact, periodic, cr, memory })
    } catch (err) {
      const failed = `n/a (${phase} failed: ${(err as Error).message})`
      results.push({ devices, firstContact: failed, periodic: failed, cr: failed, memory: failed })
    } finally {
      await sim?.stop(1_000)
      await acs?.stop()
      servers.stop()
    }
  }
  out(`\n${mode}${label}:`)
  for (const r of results) {
    out(`  ${r.devices} devices`)
    out(`    first contact (BOOTSTRAP sessions, simulator, ${pace.inFlight} in flight): ${r.firstContact}`)
    out(`    periodic Inform of every device (simulator, ${pace.inFlight} in flight): ${r.periodic}`)
    out(`    API-queued RPC -> connection request -> delivered: ${r.cr}`)
    out(`    ACS process memory after first contact: ${r.memory}`)
  }
}

/**
 * Every device of the fleet informs once with '2 PERIODIC' (the simulator keeps its usual number
 * of sessions in flight); sessions/s and latency of that wave alone.
 */
async function periodicWave(sim: Simulator, deadlineMs: number): Promise<string> {
  const ok0 = sim.stats.sessionsOk
  const failed0 = sim.stats.sessionsFailed
  const mark = sim.stats.latency.count
  const t0 = performance.now()
  for (const device of sim.devices) {
    device.events.add('2 PERIODIC')
    sim.requestSession(device)
  }
  const total = sim.devices.length
  const done = await waitFor(() => sim.stats.sessionsOk - ok0 + sim.stats.sessionsFailed - failed0 >= total, deadlineMs)
  const seconds = (performance.now() - t0) / 1000
  const ok = sim.stats.sessionsOk - ok0
  const failed = sim.stats.sessionsFailed - failed0
  const latency = sim.stats.latency.summary(mark)
  const reached = done ? '' : ` (deadline of ${f(deadlineMs / 1000, 0)} s hit: ${ok} of ${total} sessions done)`
  await waitFor(() => sim.stats.sessionsActive === 0, 30_000)
  return `${f(ok / seconds)}/s p50 ${f(latency.p50, 1)} p99 ${f(latency.p99, 1)} ms${failed ? ` (${failed} failed)` : ''}${reached}`
}

/** Queues a GetParameterValues for CR_SAMPLES devices one after another and times each until the device receives it. */
async function connectionRequestLatency(sim: Simulator, apiUrl: string, delivered: Map<SimDevice, number>): Promise<string> {
  const samples: number[] = []
  let timeouts = 0
  const step = Math.max(1, Math.floor(sim.devices.length / CR_SAMPLES))
  for (let i = 0; i < CR_SAMPLES; i++) {
    const device = sim.devices[i * step] as SimDevice
    const root = device.root
    delivered.delete(device)
    const t0 = performance.now()
    const res = await fetch(`${apiUrl}/api/provisioning/v1/devices/${encodeURIComponent(device.deviceId)}/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BENCH_ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ request: { method: 'GetParameterValues', parameterNames: [`${root}.${CR_PROBE}`] }, connectionRequest: true }),
    })
    const text = await res.text()
    if (res.status === 404 && text.includes('no route')) return 'n/a (the provisioning task API is not mounted in @acs/standalone yet)'
    if (res.status !== 201) return `n/a (task API answered ${res.status}: ${text.slice(0, 120)})`
    if (await waitFor(() => delivered.has(device), 10_000)) samples.push((delivered.get(device) ?? t0) - t0)
    else timeouts++
  }
  if (samples.length === 0) return `n/a (no RPC delivered within 10 s in ${timeouts} tries)`
  samples.sort((a, b) => a - b)
  const q = (p: number): number => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)] ?? NaN
  return `p50 ${f(q(0.5))} ms, p99 ${f(q(0.99))} ms, max ${f(samples[samples.length - 1] ?? NaN)} ms over ${samples.length}${timeouts ? `, ${timeouts} not delivered within 10 s` : ''}`
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) return false
    await sleep(20)
  }
  return true
}

async function main(): Promise<void> {
  await driverCeiling()
  await simulatorMemory()
  if (MODES.includes('embedded')) await measureAcs('embedded default (in-process bus, LMDB)', async () => ({ env: {}, label: '', stop: () => undefined }), EMBEDDED_PACE, SIZES)
  if (MODES.includes('nats')) await measureAcs('NATS + MongoDB', startDistributedServers, DISTRIBUTED_PACE, NATS_SIZES)
}

const role = process.argv[2] ?? 'main'
if (role === 'canned') await childCanned()
else await main()
