/**
 * Reconnect-storm benchmark: every device of a fleet informs at once (first contact, 0 BOOTSTRAP,
 * all sessions in flight together), then every 5 minutes (periodic Informs, the first at a random
 * point of the interval, as the simulator does), against the whole ACS on NATS + the
 * MongoDB-protocol server, whose store slows down as the load grows. Measured three times in the
 * same run, on fresh servers each:
 *   - with a fixed session cap only (ACS_GATEWAY_LATENCY_TARGET_MS=0): the baseline;
 *   - with the defaults: adaptive admission (5 s latency target) and the late-hook follow-up
 *     (connection requests for RPCs a slow service queued after its session);
 *   - adaptive admission without the follow-up (ACS_GATEWAY_LATE_HOOK_RECHECK_MS=0).
 * Figures after ACS_STORM_BENCH_SECONDS (default 180) of the storm, for ACS_STORM_BENCH_DEVICES
 * devices (default 400): sessions completed and failed (by cause: a 503 is a clean refusal the
 * simulated CPE retries with the TR-069 back-off; a socket error or timeout is a session lost),
 * devices fully bootstrapped (their first SetParameterValues delivered), session latency.
 * The servers are NATS_URL/MONGODB_URL if both are set (then one database serves every run), else a
 * nats-server and a FerretDB started here.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { Simulator } from '@acs/cpe-sim'
import { forkAcs } from './support/acs-child.js'
import { startDistributedServers } from './support/distributed-servers.js'

const DEVICES = Number(process.env.ACS_STORM_BENCH_DEVICES ?? 400)
const SECONDS = Number(process.env.ACS_STORM_BENCH_SECONDS ?? 180)
const PERIODIC_SECONDS = 300
const out = (line: string): void => void process.stdout.write(`${line}\n`)
const f = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : 'n/a')

const RUNS: { label: string; env: Record<string, string> }[] = [
  { label: 'fixed cap only (ACS_GATEWAY_LATENCY_TARGET_MS=0)', env: { ACS_GATEWAY_LATENCY_TARGET_MS: '0' } },
  { label: 'adaptive admission and late-hook follow-up (the defaults)', env: {} },
  { label: 'adaptive admission, no late-hook follow-up (ACS_GATEWAY_LATE_HOOK_RECHECK_MS=0)', env: { ACS_GATEWAY_LATE_HOOK_RECHECK_MS: '0' } },
]

async function storm(label: string, env: Record<string, string>): Promise<void> {
  const servers = await startDistributedServers()
  if (typeof servers === 'string') {
    out(`${label}: skipped (${servers})`)
    return
  }
  // FerretDB's SQLITE_BUSY errors under the storm would flood the report; the figures count their effect.
  const acs = await forkAcs({ ...servers.env, ACS_LOG_LEVEL: 'fatal', ...env })
  const bootstrapped = new Set<string>()
  let sim: Simulator | undefined
  try {
    sim = await Simulator.start(
      { url: acs.cwmpUrl, devices: DEVICES, model: 'mixed', concurrency: DEVICES, periodicIntervalSeconds: PERIODIC_SECONDS, seed: DEVICES },
      { onRpc: (device, request) => void (request.method === 'SetParameterValues' && bootstrapped.add(device.deviceId)) },
    )
    for (let s = 30; s <= SECONDS; s += 30) {
      await sleep(30_000)
      process.stderr.write(`  [${s} s] ${sim.stats.sessionsOk} sessions ok, ${sim.stats.sessionsFailed} failed, ${bootstrapped.size} devices bootstrapped\n`)
    }
    const s = sim.stats.snapshot()
    const refused = s.failures['no InformResponse (http 503)'] ?? 0
    const lost = s.sessionsFailed - refused
    out(`${label}${servers.label}:`)
    out(`  devices bootstrapped (first SetParameterValues delivered): ${bootstrapped.size} of ${DEVICES}`)
    out(`  sessions completed: ${s.sessionsOk} (${f(s.sessionsOk / SECONDS, 2)}/s), p50 ${f(s.latencyMs.p50 / 1000)} s, p99 ${f(s.latencyMs.p99 / 1000)} s`)
    out(`  sessions refused with 503 (retried by the CPE): ${refused}; sessions lost otherwise: ${lost} ${lost ? JSON.stringify(Object.fromEntries(Object.entries(s.failures).filter(([k]) => !k.includes('503')))) : ''}`)
    out(`  RPCs delivered: ${JSON.stringify(s.rpcs)}`)
  } finally {
    await sim?.stop(1_000)
    await acs.stop()
    servers.stop()
  }
}

out(`${DEVICES} devices inform at once (mixed TR-181/TR-098, first contact), then every ${PERIODIC_SECONDS} s; figures after ${SECONDS} s`)
for (const run of RUNS) await storm(run.label, run.env)
