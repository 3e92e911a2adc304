import { parseArgs } from 'node:util'
import { resolveSimulatorOptions, type SimModel, type SimulatorOptions } from '../sim/simulator-options.js'

/** What `pnpm sim` was asked to do. */
export interface SimCommand {
  readonly simulator: SimulatorOptions
  /** Stop after this many seconds; undefined runs until SIGINT/SIGTERM. */
  readonly durationSeconds?: number
  /** Seconds between progress lines on stderr. */
  readonly progressSeconds: number
  /** Print the summary as JSON instead of text. */
  readonly json: boolean
}

/** Usage text of the simulator CLI. */
export const USAGE = `Usage: pnpm sim --url <ACS URL> [options]

  --url URL                 ACS URL the devices inform (required), e.g. http://127.0.0.1:7547/
  --devices N               number of simulated devices (default 1)
  --model tr181|tr098|mixed data model of the devices (default tr181)
  --concurrency N           sessions in flight at most (default 50)
  --periodic-interval S     PeriodicInformInterval in seconds (default 300)
  --duration S              stop after S seconds (default: run until Ctrl-C)
  --username U              ManagementServer.Username (default {oui}-{serial})
  --password P              ManagementServer.Password (default empty)
  --cr-username U           ConnectionRequestUsername (default {serial})
  --cr-password P           ConnectionRequestPassword (default cr-{serial})
  --seed N                  seed of identities and values (default 1)
  --cr-port P               port of the connection-request listener, HTTP and UDP (default: any free port)
  --udp-port P              UDP connection-request port if it differs from --cr-port
  --ramp S                  spread first contacts over S seconds (default 0)
  --no-bootstrap            first contact informs 1 BOOT only (devices the ACS already knows)
  --progress S              seconds between progress lines on stderr (default 5)
  --json                    print the summary as JSON
  --help                    show this text

Credentials may use {serial}, {oui} and {productClass}.`

/** Thrown for invalid command-line arguments; the message is meant for the user. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** Parses and validates the arguments; `undefined` means --help was asked for. */
export function parseSimArgs(argv: readonly string[]): SimCommand | undefined {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        devices: { type: 'string' },
        model: { type: 'string' },
        concurrency: { type: 'string' },
        'periodic-interval': { type: 'string' },
        duration: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        'cr-username': { type: 'string' },
        'cr-password': { type: 'string' },
        seed: { type: 'string' },
        'cr-port': { type: 'string' },
        'udp-port': { type: 'string' },
        ramp: { type: 'string' },
        'no-bootstrap': { type: 'boolean' },
        progress: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    })
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
  const v = parsed.values
  if (v.help) return undefined
  if (v.url === undefined) throw new UsageError('--url is required')
  const int = (flag: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined
    if (!/^\d+$/.test(text)) throw new UsageError(`--${flag} must be a non-negative integer, got "${text}"`)
    return Number(text)
  }
  const model = v.model ?? 'tr181'
  if (model !== 'tr181' && model !== 'tr098' && model !== 'mixed') throw new UsageError(`--model must be tr181, tr098 or mixed, got "${model}"`)
  const simulator: SimulatorOptions = {
    url: v.url,
    devices: int('devices', v.devices) ?? 1,
    model: model as SimModel,
    concurrency: int('concurrency', v.concurrency),
    periodicIntervalSeconds: int('periodic-interval', v['periodic-interval']),
    username: v.username,
    password: v.password,
    connectionRequestUsername: v['cr-username'],
    connectionRequestPassword: v['cr-password'],
    seed: int('seed', v.seed),
    crPort: int('cr-port', v['cr-port']),
    udpPort: int('udp-port', v['udp-port']),
    rampSeconds: int('ramp', v.ramp),
    bootstrap: !v['no-bootstrap'],
  }
  try {
    resolveSimulatorOptions(simulator)
  } catch (err) {
    throw new UsageError(cliName((err as Error).message))
  }
  const durationSeconds = int('duration', v.duration)
  if (durationSeconds === 0) throw new UsageError('--duration must be at least 1')
  const progressSeconds = int('progress', v.progress) ?? 5
  if (progressSeconds === 0) throw new UsageError('--progress must be at least 1')
  return { simulator, durationSeconds, progressSeconds, json: v.json === true }
}

const FLAG_OF: Record<string, string> = {
  devices: '--devices',
  concurrency: '--concurrency',
  periodicIntervalSeconds: '--periodic-interval',
  seed: '--seed',
  crPort: '--cr-port',
  udpPort: '--udp-port',
  rampSeconds: '--ramp',
  url: '--url',
}

/** Rewrites an option name in a validation message to the flag the user typed. */
function cliName(message: string): string {
  const name = /^(\w+)/.exec(message)?.[1] ?? ''
  const flag = FLAG_OF[name]
  return flag ? message.replace(name, flag) : message
}
