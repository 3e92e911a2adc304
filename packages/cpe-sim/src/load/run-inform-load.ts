import { performance } from 'node:perf_hooks'
import { TIME_WIDTH, buildInformTemplate, informRequestBytes, renderInform, stampInform, type InformRequestBytes, type InformTemplate, type LoadModel } from './inform-template.js'
import { openLoadConnection, type LoadConnection } from './load-connection.js'
import { LatencySamples, type LatencySummary } from './latency-samples.js'
import { runLoadSession, type LoadSessionContext } from './load-session.js'

/** Options of {@link runInformLoad}. */
export interface InformLoadOptions {
  /** ACS URL, e.g. http://127.0.0.1:7547/ */
  url: string
  /** Distinct devices; sessions cycle over them, never two at once for one device. */
  devices: number
  /** Persistent TCP connections; also the maximum of sessions in flight. */
  concurrency: number
  /** Stop starting sessions after this long. */
  durationMs?: number
  /** Stop after this many sessions (default: one per device when durationMs is absent too). */
  sessions?: number
  /** Open-loop mode: start sessions at this rate; latency counts from the scheduled start. */
  ratePerSecond?: number
  model?: LoadModel
  auth?: { username: string; password: string }
  /** Event codes of every Inform (default `2 PERIODIC`). */
  eventCodes?: string[]
  seed?: number
  /** Per-request timeout (default 30 s, what CPEs typically wait). */
  requestTimeoutMs?: number
  signal?: AbortSignal
}

/** Figures of one load run. `sessions` counts sessions that ended with 204; `failed` the rest. */
export interface LoadResult {
  sessions: number
  failed: number
  elapsedMs: number
  sessionsPerSecond: number
  latencyMs: LatencySummary
  /** Failed sessions by cause ('http 503', 'fault 8005', 'ECONNREFUSED', ...). */
  errors: Record<string, number>
  /** ACS-initiated RPCs the driver answered, by method. */
  rpcs: Record<string, number>
}

/**
 * Drives full Inform sessions (Inform → InformResponse → empty POST → 204) against an ACS as
 * fast as `concurrency` connections allow, or at `ratePerSecond`, and reports throughput and
 * session latency.
 */
export async function runInformLoad(options: InformLoadOptions): Promise<LoadResult> {
  const opts = validate(options)
  const url = new URL(opts.url)
  const path = url.pathname + url.search
  const templates: InformTemplate[] = []
  const requestBytes: (InformRequestBytes | undefined)[] = new Array<undefined>(opts.devices)
  for (let i = 0; i < opts.devices; i++) templates.push(buildInformTemplate(i, opts.model, opts.seed, opts.eventCodes))
  const slots = Math.min(opts.concurrency, opts.devices)
  const freeClients: LoadConnection[] = []
  for (let i = 0; i < slots; i++) freeClients.push(openLoadConnection(url))
  const allClients = [...freeClients]

  const ctx: LoadSessionContext = {
    path,
    auth: opts.auth,
    authCache: new Array<undefined>(opts.devices),
    rpcs: {},
    signal: opts.signal,
    timeoutMs: opts.requestTimeoutMs,
  }
  const latency = new LatencySamples()
  const errors: Record<string, number> = {}
  const busy = new Uint8Array(opts.devices)
  let nextDevice = 0
  let started = 0
  let ok = 0
  let failed = 0
  let inFlight = 0
  let lastEnd = 0
  let timer: NodeJS.Timeout | undefined
  let clock = ''
  let clockSecond = -1

  const t0 = performance.now()
  const interval = opts.ratePerSecond ? 1000 / opts.ratePerSecond : 0
  const deadline = opts.durationMs !== undefined ? t0 + opts.durationMs : Infinity
  const limit = opts.sessions ?? (opts.durationMs === undefined ? opts.devices : Infinity)

  const currentTime = (): string => {
    const sec = Math.floor(Date.now() / 1000)
    if (sec !== clockSecond) {
      clockSecond = sec
      clock = new Date(sec * 1000).toISOString().replace('.000Z', 'Z').padStart(TIME_WIDTH, '0')
    }
    return clock
  }
  const stopping = (now: number): boolean => started >= limit || now >= deadline || opts.signal?.aborted === true

  return new Promise<LoadResult>((resolve) => {
    let done = false
    const finish = (): void => {
      if (done) return
      done = true
      if (timer) clearTimeout(timer)
      const elapsedMs = (lastEnd || performance.now()) - t0
      void Promise.all(allClients.map((c) => c.close().catch(() => undefined))).then(() =>
        resolve({
          sessions: ok,
          failed,
          elapsedMs: Math.round(elapsedMs),
          sessionsPerSecond: elapsedMs > 0 ? Math.round((ok / elapsedMs) * 1000 * 10) / 10 : 0,
          latencyMs: latency.summary(),
          errors,
          rpcs: ctx.rpcs,
        }),
      )
    }

    const pickDevice = (): number => {
      while (busy[nextDevice] === 1) nextDevice = (nextDevice + 1) % opts.devices
      const d = nextDevice
      nextDevice = (nextDevice + 1) % opts.devices
      return d
    }

    const launch = (): void => {
      let now = performance.now()
      while (freeClients.length > 0 && !stopping(now)) {
        // Open loop: session k is due at t0 + k·interval; its latency starts there, not when a
        // connection frees up, so queueing in the driver is not hidden (no coordinated omission).
        const due = t0 + started * interval
        if (due > now) break
        const client = freeClients.pop() as LoadConnection
        const device = pickDevice()
        const begin = interval > 0 ? due : now
        const n = ++started
        const id = String(n)
        busy[device] = 1
        inFlight++
        const template = templates[device] as InformTemplate
        const time = currentTime()
        const inform = {
          text: () => renderInform(template, id, time),
          bytes: () => stampInform((requestBytes[device] ??= informRequestBytes(template, path, url.host)), n, time),
        }
        runLoadSession(client, ctx, device, inform)
          .catch((err: unknown) => ({ ok: false as const, error: errorKey(err) }))
          .then((outcome) => {
            const end = performance.now()
            lastEnd = end
            busy[device] = 0
            inFlight--
            freeClients.push(client)
            if (outcome.ok) {
              ok++
              latency.add(end - begin)
            } else {
              failed++
              errors[outcome.error] = (errors[outcome.error] ?? 0) + 1
            }
            launch()
          })
          .catch(() => undefined)
        now = performance.now()
      }
      if (stopping(now)) {
        if (inFlight === 0) finish()
        return
      }
      if (interval > 0 && freeClients.length > 0 && !timer) {
        const wait = Math.max(0, t0 + started * interval - now)
        timer = setTimeout(() => {
          timer = undefined
          launch()
        }, wait)
      }
    }

    if (opts.durationMs !== undefined) {
      // Wake up at the deadline even if every slot is busy, so finish() is not delayed by idle time.
      setTimeout(() => launch(), opts.durationMs + 1).unref()
    }
    opts.signal?.addEventListener('abort', () => launch(), { once: true })
    launch()
  })
}

function errorKey(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; name?: unknown }
    if (typeof e.code === 'string') return e.code
    if (typeof e.name === 'string') return e.name
  }
  return 'error'
}

type ValidOptions = InformLoadOptions & { model: LoadModel; seed: number; eventCodes: string[]; requestTimeoutMs: number }

function validate(o: InformLoadOptions): ValidOptions {
  const positiveInt = (name: string, v: number | undefined, required: boolean): void => {
    if (v === undefined && !required) return
    if (v === undefined || !Number.isInteger(v) || v < 1) throw new RangeError(`runInformLoad: ${name} must be a positive integer (got ${String(v)})`)
  }
  let url: URL
  try {
    url = new URL(o.url)
  } catch {
    throw new RangeError(`runInformLoad: url is not a URL: ${o.url}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RangeError(`runInformLoad: url must be http(s): ${o.url}`)
  positiveInt('devices', o.devices, true)
  positiveInt('concurrency', o.concurrency, true)
  positiveInt('sessions', o.sessions, false)
  if (o.durationMs !== undefined && !(o.durationMs > 0)) throw new RangeError('runInformLoad: durationMs must be > 0')
  if (o.ratePerSecond !== undefined && !(o.ratePerSecond > 0)) throw new RangeError('runInformLoad: ratePerSecond must be > 0')
  if (o.model !== undefined && o.model !== 'tr181' && o.model !== 'tr098') throw new RangeError(`runInformLoad: model must be tr181 or tr098`)
  return {
    ...o,
    model: o.model ?? 'tr181',
    seed: o.seed ?? 1,
    eventCodes: o.eventCodes ?? ['2 PERIODIC'],
    requestTimeoutMs: o.requestTimeoutMs ?? 30_000,
  }
}
