import type { DeviceFacts, DeviceProfile, FleetSettings, ValueContext } from '../model/profile-types.js'
import { EventQueue } from './event-queue.js'
import { ParameterTree } from './parameter-tree.js'
import type { DuJob, Transfer } from './transfer-types.js'

/** Where a device's connection requests arrive (one listener per simulator process). */
export interface DeviceEnvironment {
  /** Prefix of every device's ConnectionRequestURL; the serial number is appended. */
  readonly crBaseUrl: string
  /** host:port of the shared UDP connection-request socket. */
  readonly udpAddress: string
}

/** Work a device does once the current session has ended (TR-069: Reboot, Download... act after the session). */
export type AfterSessionAction =
  | { readonly kind: 'reboot'; readonly commandKey: string }
  | { readonly kind: 'factoryReset' }
  | { readonly kind: 'transfer'; readonly transfer: Transfer }
  | { readonly kind: 'diagnostics'; readonly object: string }
  | { readonly kind: 'changeDuState'; readonly job: DuJob }
  | { readonly kind: 'scheduleInform'; readonly delaySeconds: number; readonly commandKey: string }
  | { readonly kind: 'bootstrap' }
  | { readonly kind: 'periodicChanged' }
  | { readonly kind: 'credentialsChanged' }

/** Where a device is in its life cycle. */
export type DeviceState = 'idle' | 'queued' | 'in-session' | 'offline'

/**
 * One simulated CPE: identity, its parameter tree (differences from the shared profile only),
 * the events it still has to deliver, and the transfers / DU jobs in flight.
 */
export class SimDevice implements ValueContext {
  readonly tree: ParameterTree
  readonly events = new EventQueue()
  readonly root: string
  bootedAt: number
  state: DeviceState = 'idle'
  retryCount = 0
  /** Parameters with notification on whose value changed (not by the ACS) since the last Inform. */
  changed: Set<string> | undefined
  transfers: Transfer[] | undefined
  duJobs: DuJob[] | undefined
  afterSession: AfterSessionAction[] | undefined
  /** Diagnostics objects running now (their DiagnosticsState is Requested). */
  diagnostics: Set<string> | undefined
  /** Last accepted UDP connection request (TR-111 replay protection). */
  udpLast: { ts: number; id: string } | undefined
  /** Generation counter: bumped when periodic settings change or the device reboots, to drop stale timers. */
  periodicGeneration = 0

  constructor(
    readonly facts: DeviceFacts,
    readonly profile: DeviceProfile,
    readonly settings: FleetSettings,
    private readonly env: DeviceEnvironment,
    now: number,
  ) {
    this.root = profile.root
    this.bootedAt = now
    this.tree = new ParameterTree(profile, this)
    this.events.add('0 BOOTSTRAP')
    this.events.add('1 BOOT')
  }

  /** OUI-ProductClass-SerialNumber, the key the ACS files the device under. */
  get deviceId(): string {
    return `${this.facts.oui}-${this.facts.productClass}-${this.facts.serial}`
  }

  countInstances(tablePath: string): number {
    return this.tree.countInstances(tablePath)
  }

  connectionRequestUrl(): string {
    return this.env.crBaseUrl + this.facts.serial
  }

  udpConnectionRequestAddress(): string {
    return this.env.udpAddress
  }

  /** Raw value of `<root>.ManagementServer.<name>` (hidden ones included). */
  managementServer(name: string, now = Date.now()): string {
    return this.tree.get(`${this.root}.ManagementServer.${name}`, now, true)?.value ?? ''
  }

  /** The ACS URL this device talks to now. */
  acsUrl(): string {
    return this.managementServer('URL')
  }

  /**
   * A change made on the CPE side (firmware, the user, the network): stores it and records a
   * value change when the parameter's notification attribute asks for one. Returns 2 when the
   * change needs a session soon (active notification).
   */
  cpeChange(path: string, value: string, now: number): 0 | 1 | 2 {
    const node = this.tree.node(path)
    if (node?.kind !== 'param') return 0
    const before = this.tree.get(path, now, true)?.value
    this.tree.set(path, value)
    if (before === value) return 0
    const level = this.tree.notification(path, node.def)
    if (level !== 1 && level !== 2) return 0
    ;(this.changed ??= new Set()).add(path)
    return level
  }

  /** Queues an action for after the session. */
  after(action: AfterSessionAction): void {
    ;(this.afterSession ??= []).push(action)
  }

  /** Takes the actions queued during a session. */
  takeAfterSession(): AfterSessionAction[] {
    const out = this.afterSession ?? []
    this.afterSession = undefined
    return out
  }
}
