import { setMaxListeners } from 'node:events'
import { performance } from 'node:perf_hooks'
import type { CwmpBody } from '@acs/cwmp'
import { Client } from 'undici'
import { startHttpCrListener, CR_PATH_PREFIX, type CrListener } from '../cr/http-cr-listener.js'
import type { ConnectionRequestTarget } from '../cr/connection-request-target.js'
import { startUdpCrListener, type UdpCrListener } from '../cr/udp-cr-listener.js'
import { deviceFacts } from '../device/device-facts.js'
import { retryDelayMs } from '../device/retry-backoff.js'
import { SimDevice } from '../device/sim-device.js'
import { buildProfile } from '../model/build-profile.js'
import type { DeviceProfile, FleetSettings } from '../model/profile-types.js'
import { TR098_PROFILE } from '../model/tr098-profile.js'
import { TR181_PROFILE } from '../model/tr181-profile.js'
import { runSession, type SessionOutcome } from '../session/run-session.js'
import { FileClient } from '../transfer/file-client.js'
import { DeviceLifecycle } from './device-lifecycle.js'
import { SimStats } from './sim-stats.js'
import { resolveSimulatorOptions, type SimulatorOptions } from './simulator-options.js'
import { TimerHeap } from './timer-heap.js'

/** Observers of a running simulator (benchmarks, tests). */
export interface SimulatorHooks {
  /** Called when a device answered an ACS request (before the answer is sent). */
  onRpc?(device: SimDevice, request: CwmpBody, faultCode: number): void
}

/** One session slot: a connection per ACS origin, reused by the sessions that run in it. */
class SessionSlot {
  private readonly clients = new Map<string, Client>()
  client(origin: string): Client {
    let c = this.clients.get(origin)
    if (!c) {
      c = new Client(origin, { pipelining: 1, keepAliveTimeout: 30_000 })
      this.clients.set(origin, c)
    }
    return c
  }
  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.destroy().catch(() => undefined)))
    this.clients.clear()
  }
}

/**
 * Thousands of simulated CPEs in one process: one timer heap schedules every periodic inform,
 * retry and delayed action; at most `concurrency` sessions run at once; one HTTP and one UDP
 * listener take the connection requests of all devices.
 */
export class Simulator implements ConnectionRequestTarget {
  readonly devices: SimDevice[] = []
  readonly stats = new SimStats()
  readonly options: Required<SimulatorOptions>
  private readonly timers = new TimerHeap()
  private readonly lifecycle: DeviceLifecycle
  private readonly files = new FileClient()
  private readonly serials = new Map<string, SimDevice>()
  private readonly crUsernames = new Map<string, SimDevice[]>()
  private readonly crUsernameOf = new WeakMap<SimDevice, string>()
  private readonly again = new Set<SimDevice>()
  private queue: SimDevice[] = []
  private queueHead = 0
  private readonly freeSlots: SessionSlot[] = []
  private readonly allSlots: SessionSlot[] = []
  private readonly abort = new AbortController()
  private readonly running = new Set<Promise<void>>()
  private crListener: CrListener | undefined
  private udpListener: UdpCrListener | undefined
  private stopped = false

  private constructor(
    options: SimulatorOptions,
    private readonly hooks: SimulatorHooks,
  ) {
    this.options = resolveSimulatorOptions(options)
    // Every in-flight request listens on this one signal.
    setMaxListeners(0, this.abort.signal)
    for (let i = 0; i < this.options.concurrency; i++) this.allSlots.push(new SessionSlot())
    this.freeSlots.push(...this.allSlots)
    this.lifecycle = new DeviceLifecycle({
      timers: this.timers,
      files: this.files,
      random: this.options.random,
      rebootMs: this.options.rebootSeconds * 1000,
      diagnosticsMs: this.options.diagnosticsSeconds * 1000,
      periodicJitter: this.options.periodicJitter,
      requestSession: (d) => this.requestSession(d),
      credentialsChanged: (d) => this.indexCredentials(d),
      stats: this.stats,
    })
  }

  /** Starts the listeners, creates the devices and schedules their first contact. */
  static async start(options: SimulatorOptions, hooks: SimulatorHooks = {}): Promise<Simulator> {
    const sim = new Simulator(options, hooks)
    const o = sim.options
    sim.crListener = await startHttpCrListener(o.crHost, o.crPort, sim)
    try {
      sim.udpListener = await startUdpCrListener(o.crHost, o.udpPort >= 0 ? o.udpPort : sim.crListener.port, sim)
    } catch (err) {
      await sim.crListener.close()
      throw err
    }
    const host = o.crHost.includes(':') ? `[${o.crHost}]` : o.crHost
    const env = { crBaseUrl: `http://${host}:${sim.crListener.port}${CR_PATH_PREFIX}`, udpAddress: `${host}:${sim.udpListener.port}` }
    const settings: FleetSettings = {
      acsUrl: o.url,
      username: o.username,
      password: o.password,
      connectionRequestUsername: o.connectionRequestUsername,
      connectionRequestPassword: o.connectionRequestPassword,
      periodicInformInterval: o.periodicIntervalSeconds,
    }
    const profiles: DeviceProfile[] = o.model === 'tr098' ? [buildProfile(TR098_PROFILE)] : o.model === 'tr181' ? [buildProfile(TR181_PROFILE)] : [buildProfile(TR181_PROFILE), buildProfile(TR098_PROFILE)]
    const now = Date.now()
    for (let i = 0; i < o.devices; i++) {
      const profile = profiles[i % profiles.length] as DeviceProfile
      const device = new SimDevice(deviceFacts(profile, o.seed, i), profile, settings, env, now)
      if (!o.bootstrap) device.events.delivered(device.events.pending().filter((e) => e.eventCode === '0 BOOTSTRAP'))
      device.state = 'offline'
      sim.devices.push(device)
      sim.serials.set(device.facts.serial, device)
      sim.indexCredentials(device)
      const at = now + (o.devices > 1 ? Math.floor((o.rampSeconds * 1000 * i) / o.devices) : 0)
      sim.timers.schedule(at, () => sim.lifecycle.powerOn(device))
    }
    return sim
  }

  /** Port of the HTTP connection-request listener. */
  get crPort(): number {
    return this.crListener?.port ?? 0
  }

  /** Port of the UDP connection-request socket. */
  get udpPort(): number {
    return this.udpListener?.port ?? 0
  }

  /** Asks for a session of the device: queued now, or right after the one it is in. */
  requestSession(device: SimDevice): void {
    if (this.stopped) return
    if (device.state === 'in-session') {
      this.again.add(device)
      return
    }
    if (device.state !== 'idle') return
    device.state = 'queued'
    this.queue.push(device)
    this.pump()
  }

  /** A change made on the CPE side (user, network): notifies the ACS per the parameter's notification attribute. */
  changeParameter(device: SimDevice, path: string, value: string): void {
    if (device.cpeChange(path, value, Date.now()) === 2) this.requestSession(device)
  }

  bySerial(serial: string): SimDevice | undefined {
    return this.serials.get(serial)
  }

  byConnectionRequestUsername(username: string): readonly SimDevice[] {
    return this.crUsernames.get(username) ?? []
  }

  wake(device: SimDevice, via: 'http' | 'udp'): 'accepted' | 'busy' {
    if (device.state === 'in-session' || device.state === 'offline') {
      SimStats.bump(this.stats.connectionRequests, `${via} busy`)
      return 'busy'
    }
    SimStats.bump(this.stats.connectionRequests, `${via} accepted`)
    device.events.add('6 CONNECTION REQUEST')
    this.requestSession(device)
    return 'accepted'
  }

  rejected(reason: string): void {
    SimStats.bump(this.stats.connectionRequests, `rejected: ${reason}`)
  }

  /** Stops scheduling, closes the listeners, lets running sessions finish within `graceMs`, then aborts them. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    this.timers.stop()
    await Promise.all([this.crListener?.close(), this.udpListener?.close()])
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref())
    await Promise.race([Promise.all([...this.running]), deadline])
    this.abort.abort(new Error('simulator stopped'))
    await Promise.all([...this.running])
    await Promise.all(this.allSlots.map((s) => s.close()))
    await this.files.close()
  }

  private pump(): void {
    while (this.freeSlots.length > 0 && this.queueHead < this.queue.length && !this.stopped) {
      const device = this.queue[this.queueHead++] as SimDevice
      if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.queueHead)
        this.queueHead = 0
      }
      if (device.state !== 'queued') continue
      this.startSession(device, this.freeSlots.pop() as SessionSlot)
    }
  }

  private startSession(device: SimDevice, slot: SessionSlot): void {
    device.state = 'in-session'
    this.stats.sessionsActive++
    const t0 = performance.now()
    const run = runSession(device, {
      dispatcher: (origin) => slot.client(origin),
      now: () => Date.now(),
      timeoutMs: this.options.requestTimeoutMs,
      signal: this.abort.signal,
      onInform: (events) => {
        for (const e of events) SimStats.bump(this.stats.events, e.eventCode)
      },
      onRpc: (request, faultCode) => {
        SimStats.bump(this.stats.rpcs, request.method)
        if (faultCode !== 0) SimStats.bump(this.stats.faults, faultCode)
        this.hooks.onRpc?.(device, request, faultCode)
      },
    })
      .catch((err: unknown): SessionOutcome => ({ ok: false, reason: String(err), informAcked: false }))
      .then((outcome) => this.sessionEnded(device, outcome, performance.now() - t0))
      .finally(() => {
        this.stats.sessionsActive--
        this.freeSlots.push(slot)
        this.running.delete(run)
        this.pump()
      })
    this.running.add(run)
  }

  private sessionEnded(device: SimDevice, outcome: SessionOutcome, ms: number): void {
    device.state = 'idle'
    if (outcome.ok) {
      this.stats.sessionsOk++
      this.stats.latency.add(ms)
    } else {
      this.stats.sessionsFailed++
      SimStats.bump(this.stats.failures, outcome.reason)
      if (!outcome.informAcked) device.events.sessionFailed()
      device.retryCount++
      if (this.lifecycle.hasUndelivered(device)) {
        const wait = retryDelayMs(device.retryCount, Number(device.managementServer('CWMPRetryMinimumWaitInterval')) || 5, Number(device.managementServer('CWMPRetryIntervalMultiplier')) || 2000, this.options.random)
        this.timers.schedule(Date.now() + wait, () => this.requestSession(device))
      }
    }
    if (this.stopped) return
    for (const action of device.takeAfterSession()) this.lifecycle.apply(device, action)
    if (this.again.delete(device)) this.requestSession(device)
  }

  private indexCredentials(device: SimDevice): void {
    const old = this.crUsernameOf.get(device)
    const oldList = old === undefined ? undefined : this.crUsernames.get(old)
    if (old !== undefined && oldList) {
      const i = oldList.indexOf(device)
      if (i >= 0) oldList.splice(i, 1)
      if (oldList.length === 0) this.crUsernames.delete(old)
    }
    const username = device.managementServer('ConnectionRequestUsername')
    this.crUsernameOf.set(device, username)
    const list = this.crUsernames.get(username)
    if (list) list.push(device)
    else this.crUsernames.set(username, [device])
  }
}
