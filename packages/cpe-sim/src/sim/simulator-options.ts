import type { ProfileName } from '../model/profile-types.js'

/** Device models a run can simulate; `mixed` alternates TR-181 and TR-098 devices. */
export type SimModel = ProfileName | 'mixed'

/** Options of {@link Simulator.start}. Strings of credentials may use {serial}, {oui}, {productClass}. */
export interface SimulatorOptions {
  /** ACS URL every device starts with (ManagementServer.URL). */
  url: string
  devices: number
  model?: SimModel
  /** Sessions in flight at most (default 50). */
  concurrency?: number
  /** PeriodicInformInterval in seconds (default 300). */
  periodicIntervalSeconds?: number
  /** Each periodic inform moves by up to this fraction of the interval (default 0.1). */
  periodicJitter?: number
  /** ManagementServer.Username (default `{oui}-{serial}`) and Password (default empty). */
  username?: string
  password?: string
  /** ConnectionRequestUsername (default `{serial}`) and ConnectionRequestPassword (default `cr-{serial}`). */
  connectionRequestUsername?: string
  connectionRequestPassword?: string
  seed?: number
  /** Loopback address of the connection-request listeners (default 127.0.0.1). */
  crHost?: string
  /** TCP port of the HTTP connection-request listener (default 0: any free port). */
  crPort?: number
  /** UDP port of the TR-111 listener (default: the HTTP listener's port number). */
  udpPort?: number
  /** First contacts are spread evenly over this many seconds (default 0: as fast as concurrency allows). */
  rampSeconds?: number
  /** First contact is `0 BOOTSTRAP` + `1 BOOT` (default) or, when false, `1 BOOT` only. */
  bootstrap?: boolean
  /** Per HTTP request timeout in ms (default 30 000). */
  requestTimeoutMs?: number
  /** Simulated reboot time in seconds (default 2). */
  rebootSeconds?: number
  /** Simulated diagnostic run time in seconds (default 2). */
  diagnosticsSeconds?: number
  /** Source of randomness for jitter and back-off (default Math.random). */
  random?: () => number
}

/** Options with defaults applied; throws a RangeError naming the first invalid option. */
export function resolveSimulatorOptions(o: SimulatorOptions): Required<SimulatorOptions> {
  const int = (name: string, v: number | undefined, min: number, max: number, dflt: number): number => {
    const x = v ?? dflt
    if (!Number.isInteger(x) || x < min || x > max) throw new RangeError(`${name} must be an integer in ${min}..${max} (got ${String(v)})`)
    return x
  }
  let url: URL
  try {
    url = new URL(o.url)
  } catch {
    throw new RangeError(`url is not a URL: ${o.url}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RangeError(`url must be http or https: ${o.url}`)
  const model = o.model ?? 'tr181'
  if (model !== 'tr181' && model !== 'tr098' && model !== 'mixed') throw new RangeError(`model must be tr181, tr098 or mixed (got ${String(model)})`)
  const jitter = o.periodicJitter ?? 0.1
  if (!(jitter >= 0 && jitter < 1)) throw new RangeError('periodicJitter must be in [0, 1)')
  const crPort = int('crPort', o.crPort, 0, 65535, 0)
  return {
    url: o.url,
    devices: int('devices', o.devices, 1, 1_000_000, 1),
    model,
    concurrency: int('concurrency', o.concurrency, 1, 100_000, 50),
    periodicIntervalSeconds: int('periodicIntervalSeconds', o.periodicIntervalSeconds, 1, 4_294_967_295, 300),
    periodicJitter: jitter,
    username: o.username ?? '{oui}-{serial}',
    password: o.password ?? '',
    connectionRequestUsername: o.connectionRequestUsername ?? '{serial}',
    connectionRequestPassword: o.connectionRequestPassword ?? 'cr-{serial}',
    seed: int('seed', o.seed, 0, 4_294_967_295, 1),
    crHost: o.crHost ?? '127.0.0.1',
    crPort,
    udpPort: int('udpPort', o.udpPort, -1, 65535, -1),
    rampSeconds: int('rampSeconds', o.rampSeconds, 0, 86_400, 0),
    bootstrap: o.bootstrap ?? true,
    requestTimeoutMs: int('requestTimeoutMs', o.requestTimeoutMs, 1, 600_000, 30_000),
    rebootSeconds: int('rebootSeconds', o.rebootSeconds, 0, 3600, 2),
    diagnosticsSeconds: int('diagnosticsSeconds', o.diagnosticsSeconds, 0, 3600, 2),
    random: o.random ?? Math.random,
  }
}
