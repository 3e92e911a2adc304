/**
 * Provisioning benchmark: a bootstrap storm against the embedded default (in-process bus + LMDB
 * in a temp dir). ACS_BENCH_PROVISIONING_DEVICES simulated devices (default 10 000; half TR-181,
 * half TR-098) bootstrap at once against the gateway + provisioning with one profile per root
 * (a templated SSID and an active-notification attribute). Prints the time until every device is
 * configured, RPC round trips per bootstrap (target <= 3), then makes every device inform again
 * (periodic) and prints the RPCs sent (target 0). Simulator and ACS share this process (and its CPU).
 */
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { createInProcessBus } from '@acs/bus'
import { Simulator } from '@acs/cpe-sim'
import { createGateway, loadGatewayConfig } from '@acs/gateway'
import { createProvisioning, loadProvisioningConfig, type ProvisioningDeps } from '@acs/provisioning'
import { openEmbeddedStore } from '@acs/store'
import { tempDir } from '@acs/testing'

const DEVICES = Number(process.env.ACS_BENCH_PROVISIONING_DEVICES ?? 10_000)
const CONCURRENCY = Number(process.env.ACS_BENCH_PROVISIONING_CONCURRENCY ?? 200)
const DEADLINE_MS = 15 * 60_000
const SSID = { tr181: 'Device.WiFi.SSID.1.SSID', tr098: 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID' }

// fastify and pino are dependencies of the service, not of the repository root: load them from there.
const fromService = createRequire(fileURLToPath(import.meta.resolve('@acs/provisioning')))
const { pino } = fromService('pino') as { pino: (o: { level: string }) => ProvisioningDeps['logger'] }
interface MiniFastify {
  register(plugin: unknown, options: { prefix: string }): Promise<unknown>
  inject(request: { method: string; url: string; headers: Record<string, string>; payload: object }): Promise<{ statusCode: number; body: string }>
  close(): Promise<unknown>
}
const Fastify = (fromService('fastify') as { default: () => MiniFastify }).default
const logger = pino({ level: 'warn' })
const dir = await tempDir('acs-bench-prov-')
const bus = createInProcessBus({})
const store = await openEmbeddedStore({ dir: join(dir.path, 'store') })
const gateway = await createGateway({
  config: loadGatewayConfig({ ACS_HOST: '127.0.0.1', ACS_INFORM_RATE_PER_IP: '0', ACS_CR_MIN_INTERVAL_MS: '0', ACS_GATEWAY_MAX_SESSIONS: String(CONCURRENCY * 2), ACS_GATEWAY_SECRET: 'bench-gateway-secret-0123456789abcdef' }),
  bus,
  store,
  logger,
})
await gateway.start()
const { port } = await gateway.listen({ host: '127.0.0.1', port: 0 })
const ADMIN_KEY = 'bench-admin-key-0123456789'
const provisioning = await createProvisioning({ config: loadProvisioningConfig({ ACS_PROVISIONING_PERIODIC_INFORM_INTERVAL_S: '86400', ACS_ADMIN_API_KEY: ADMIN_KEY }), bus, store, logger })
await provisioning.start()
const api = Fastify()
await api.register(provisioning.api, { prefix: '/api/provisioning/v1' })
for (const [root, path] of [['Device', SSID.tr181], ['InternetGatewayDevice', SSID.tr098]] as const) {
  const res = await api.inject({
    method: 'POST',
    url: '/api/provisioning/v1/profiles',
    headers: { authorization: `Bearer ${ADMIN_KEY}` },
    payload: { name: root, dataModelRoot: root, filter: {}, parameters: [{ name: path, value: 'net-{{serialNumber}}' }], attributes: [{ name: path, notification: 2 }] },
  })
  if (res.statusCode !== 201) throw new Error(`profile not created: ${res.body}`)
}

const rpcsBySerial = new Map<string, number>()
let counting = true
let periodicRpcs = 0
const sim = await Simulator.start(
  { url: `http://127.0.0.1:${port}/`, devices: DEVICES, model: 'mixed', concurrency: CONCURRENCY, periodicIntervalSeconds: 86_400, seed: 42 },
  {
    onRpc(device) {
      if (counting) rpcsBySerial.set(device.facts.serial, (rpcsBySerial.get(device.facts.serial) ?? 0) + 1)
      else periodicRpcs++
    },
  },
)
const started = performance.now()
const configured = (d: (typeof sim.devices)[number]) => d.tree.get(d.root === 'Device' ? SSID.tr181 : SSID.tr098, Date.now())?.value === `net-${d.facts.serial}`
const idle = () => sim.devices.every((d) => d.state === 'idle')
let done = 0
let lastReport = started
while (performance.now() - started < DEADLINE_MS) {
  done = sim.devices.filter(configured).length
  if (done === DEVICES && idle()) break
  if (performance.now() - lastReport > 10_000) {
    lastReport = performance.now()
    const s = sim.stats.snapshot()
    process.stdout.write(`  ${((lastReport - started) / 1000).toFixed(0)} s: ${done} configured, sessions ok ${s.sessionsOk} failed ${s.sessionsFailed} active ${s.sessionsActive}\n`)
  }
  await sleep(250)
}
const seconds = (performance.now() - started) / 1000
counting = false
const counts = [...rpcsBySerial.values()].sort((a, b) => a - b)
const mean = counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length)
const max = counts[counts.length - 1] ?? 0
const stats = sim.stats.snapshot()

// Every device informs again, as on a periodic inform: nothing should be sent.
const sessionsBefore = stats.sessionsOk
for (const d of sim.devices) sim.requestSession(d)
const periodicStarted = performance.now()
while (sim.stats.sessionsOk < sessionsBefore + DEVICES && performance.now() - periodicStarted < DEADLINE_MS) await sleep(250)
const periodicSeconds = (performance.now() - periodicStarted) / 1000

const line = (k: string, v: string) => process.stdout.write(`${k.padEnd(42)} ${v}\n`)
line('devices (half TR-181, half TR-098)', String(DEVICES))
line('configured', `${done}/${DEVICES}`)
line('time until every device configured', `${seconds.toFixed(1)} s (${(DEVICES / seconds).toFixed(0)} bootstraps/s, concurrency ${CONCURRENCY})`)
line('RPC round trips per bootstrap (mean / max)', `${mean.toFixed(2)} / ${max}  (target <= 3)`)
line('failed sessions during the storm', String(stats.sessionsFailed))
line('periodic informs after convergence', `${sim.stats.sessionsOk - sessionsBefore} in ${periodicSeconds.toFixed(1)} s`)
line('RPCs sent on those periodic informs', `${periodicRpcs}  (target 0)`)

await sim.stop(2000)
await api.close()
await provisioning.close()
await gateway.close()
await bus.close()
await store.close()
await dir.remove()
const ok = done === DEVICES && max <= 3 && periodicRpcs === 0
if (!ok) process.stdout.write('TARGETS MISSED\n')
process.exit(ok ? 0 : 1)
