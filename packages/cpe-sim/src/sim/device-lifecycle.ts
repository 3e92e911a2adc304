import type { AfterSessionAction, SimDevice } from '../device/sim-device.js'
import type { Transfer } from '../device/transfer-types.js'
import { completeDiagnostics } from '../diagnostics/complete-diagnostics.js'
import { UNKNOWN_TIME } from '../model/value-helpers.js'
import { executeDuJob } from '../transfer/du-executor.js'
import type { FileClient } from '../transfer/file-client.js'
import { runTransfer } from '../transfer/transfer-executor.js'
import { SimStats } from './sim-stats.js'
import type { TimerHeap } from './timer-heap.js'

/** What the life cycle needs from the simulator. */
export interface LifecycleDeps {
  readonly timers: TimerHeap
  readonly files: FileClient
  readonly random: () => number
  readonly rebootMs: number
  readonly diagnosticsMs: number
  readonly periodicJitter: number
  readonly stats: SimStats
  requestSession(device: SimDevice): void
  credentialsChanged(device: SimDevice): void
}

/**
 * Everything a device does between sessions: power on, periodic informs, reboots and factory
 * resets, transfers, DU operations, diagnostics and scheduled informs. Each ends by queueing the
 * event that reports it and asking for a session.
 */
export class DeviceLifecycle {
  private diagnosticRuns = 0

  constructor(private readonly deps: LifecycleDeps) {}

  /** First boot (or boot after a reboot): `1 BOOT` queued, periodic informs armed at a random phase. */
  powerOn(device: SimDevice): void {
    device.bootedAt = Date.now()
    device.state = 'idle'
    device.events.add('1 BOOT')
    this.armPeriodic(device, device.bootedAt, true)
    this.deps.requestSession(device)
  }

  /** True while the device has something the ACS has not received yet (worth a retry). */
  hasUndelivered(device: SimDevice): boolean {
    return (
      device.events.size > 0 ||
      (device.changed?.size ?? 0) > 0 ||
      (device.transfers ?? []).some((t) => t.state === 3) ||
      (device.duJobs ?? []).some((j) => j.state === 'done')
    )
  }

  /** Carries out one action a session left behind. */
  apply(device: SimDevice, action: AfterSessionAction): void {
    const now = Date.now()
    switch (action.kind) {
      case 'reboot':
        this.reboot(device, () => device.events.add('M Reboot', action.commandKey))
        return
      case 'factoryReset':
        device.tree.reset()
        device.events.clear()
        device.transfers = device.duJobs = device.changed = device.diagnostics = device.udpLast = undefined
        device.events.add('0 BOOTSTRAP')
        this.deps.credentialsChanged(device)
        this.reboot(device)
        return
      case 'transfer':
        this.deps.timers.schedule(now + transferDelayMs(action.transfer, this.deps.random), () => void this.transfer(device, action.transfer).catch(() => undefined))
        return
      case 'diagnostics':
        this.deps.timers.schedule(now + this.deps.diagnosticsMs, () => {
          if (!device.diagnostics?.delete(action.object)) return
          completeDiagnostics(device, action.object, Date.now(), ++this.diagnosticRuns)
          device.events.add('8 DIAGNOSTICS COMPLETE')
          this.deps.requestSession(device)
        })
        return
      case 'changeDuState':
        this.deps.timers.schedule(now + 100, () => {
          void executeDuJob(device, action.job, this.deps.files, Date.now)
            .catch(() => undefined)
            .then(() => this.deps.requestSession(device))
        })
        return
      case 'scheduleInform':
        this.deps.timers.schedule(now + action.delaySeconds * 1000, () => {
          device.events.add('3 SCHEDULED')
          device.events.add('M ScheduleInform', action.commandKey)
          this.deps.requestSession(device)
        })
        return
      case 'bootstrap':
        device.events.add('0 BOOTSTRAP')
        this.deps.requestSession(device)
        return
      case 'periodicChanged':
        this.armPeriodic(device, now, false)
        return
      case 'credentialsChanged':
        this.deps.credentialsChanged(device)
        return
    }
  }

  private reboot(device: SimDevice, beforeBoot?: () => void): void {
    device.state = 'offline'
    device.periodicGeneration++
    device.events.rebooted()
    device.diagnostics = undefined
    this.deps.timers.schedule(Date.now() + this.deps.rebootMs, () => {
      device.events.add('1 BOOT')
      beforeBoot?.()
      this.powerOn(device)
    })
  }

  private async transfer(device: SimDevice, t: Transfer): Promise<void> {
    if (!device.transfers?.includes(t) || t.state !== 1) return
    const outcome = await runTransfer(device, t, this.deps.files, Date.now)
    SimStats.bump(this.deps.stats.transfers, `${t.method} ${t.fault?.faultCode ? `fault ${t.fault.faultCode}` : 'ok'}`)
    if (outcome.rebootInto !== undefined) {
      const version = outcome.rebootInto
      this.reboot(device, () => {
        device.cpeChange(`${device.root}.DeviceInfo.SoftwareVersion`, version, Date.now())
        const bank = `${device.root}.DeviceInfo.FirmwareImage.1.Version`
        if (device.tree.node(bank)) device.tree.set(bank, version)
      })
      return
    }
    this.deps.requestSession(device)
  }

  /**
   * Arms the next periodic inform (§14: PeriodicInformEnable/Interval/Time). With a
   * PeriodicInformTime the informs fall on that phase; otherwise each interval is jittered, and
   * the first one after boot falls at a random point of the interval so devices spread out.
   */
  armPeriodic(device: SimDevice, from: number, firstAfterBoot: boolean): void {
    const generation = ++device.periodicGeneration
    const enabled = device.managementServer('PeriodicInformEnable', from)
    if (enabled === 'false' || enabled === '0') return
    const interval = Math.max(1, Number(device.managementServer('PeriodicInformInterval', from)) || 300) * 1000
    const phase = device.managementServer('PeriodicInformTime', from)
    const phaseMs = phase && !phase.startsWith(UNKNOWN_TIME.slice(0, 4)) ? Date.parse(phase) : NaN
    let at: number
    if (Number.isFinite(phaseMs)) {
      at = phaseMs + Math.ceil((from - phaseMs) / interval) * interval
      if (at <= from) at += interval
    } else if (firstAfterBoot) {
      at = from + this.deps.random() * interval
    } else {
      at = from + interval * (1 + (this.deps.random() * 2 - 1) * this.deps.periodicJitter)
    }
    this.deps.timers.schedule(at, () => {
      if (device.periodicGeneration !== generation) return
      device.events.add('2 PERIODIC')
      this.deps.requestSession(device)
      this.armPeriodic(device, at, false)
    })
  }
}

/** When a transfer starts: after DelaySeconds, or inside its first time window (ScheduleDownload). */
function transferDelayMs(t: Transfer, random: () => number): number {
  const w = t.timeWindows?.[0]
  if (!w) return t.delaySeconds * 1000
  if (w.windowMode.startsWith('2 ')) return w.windowStart * 1000
  return (w.windowStart + random() * Math.min(60, w.windowEnd - w.windowStart)) * 1000
}
