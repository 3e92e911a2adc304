// `pnpm sim`: runs thousands of simulated CPEs against an ACS until --duration or SIGINT/SIGTERM.
import { Simulator } from '../sim/simulator.js'
import { progressLine, summaryText } from './format-report.js'
import { USAGE, UsageError, parseSimArgs, type SimCommand } from './parse-sim-args.js'

let command: SimCommand | undefined
try {
  command = parseSimArgs(process.argv.slice(2))
} catch (err) {
  if (!(err instanceof UsageError)) throw err
  process.stderr.write(`error: ${err.message}\n\n${USAGE}\n`)
  process.exit(2)
}
if (!command) {
  process.stdout.write(`${USAGE}\n`)
  process.exit(0)
}

const cmd = command
const started = Date.now()
let sim: Simulator
try {
  sim = await Simulator.start(cmd.simulator)
} catch (err) {
  process.stderr.write(`error: cannot start the simulator: ${(err as Error).message}\n`)
  process.exit(1)
}
process.stderr.write(
  `cpe-sim: ${sim.devices.length} ${sim.options.model} devices -> ${sim.options.url}; connection requests on ` +
    `http://${sim.options.crHost}:${sim.crPort}/cr/<serial> and udp ${sim.options.crHost}:${sim.udpPort}\n`,
)

let lastOk = 0
let lastAt = started
const progress = setInterval(() => {
  const now = Date.now()
  const snap = sim.stats.snapshot()
  const rate = ((snap.sessionsOk - lastOk) * 1000) / Math.max(1, now - lastAt)
  lastOk = snap.sessionsOk
  lastAt = now
  process.stderr.write(`${progressLine((now - started) / 1000, snap, rate)}\n`)
}, cmd.progressSeconds * 1000)

let stopping = false
const shutdown = async (): Promise<void> => {
  if (stopping) return
  stopping = true
  clearInterval(progress)
  await sim.stop()
  const snap = sim.stats.snapshot()
  const elapsed = (Date.now() - started) / 1000
  process.stdout.write(cmd.json ? `${JSON.stringify({ devices: sim.devices.length, elapsedSeconds: elapsed, ...snap })}\n` : `${summaryText(elapsed, sim.devices.length, snap)}\n`)
  process.exit(0)
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(130)
    void shutdown()
  })
}
if (cmd.durationSeconds !== undefined) setTimeout(() => void shutdown(), cmd.durationSeconds * 1000)
