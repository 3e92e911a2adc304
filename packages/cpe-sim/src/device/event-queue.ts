import type { EventStruct } from '@acs/cwmp'

/** Event codes a CPE drops when the session they would open fails (§5.2: "not retried"). */
const DROPPED_ON_FAILURE = new Set(['6 CONNECTION REQUEST', '14 HEARTBEAT'])
/** Event codes a CPE forgets when it reboots (§5.2: "retried until delivered or reboot"). */
const DROPPED_ON_REBOOT = new Set(['3 SCHEDULED', 'M ScheduleInform', '8 DIAGNOSTICS COMPLETE', '6 CONNECTION REQUEST', '14 HEARTBEAT'])

/**
 * The events a device still has to deliver. Single codes merge; `M <Method>` codes are kept once
 * per CommandKey. An event leaves the queue only when an Inform carrying it was answered with
 * InformResponse (§2.6), except the ones a failed session or a reboot discards by rule.
 * Transfer and DU completions are not kept here: they are derived from the pending results,
 * which stay until the ACS acknowledged the TransferComplete / DUStateChangeComplete.
 */
export class EventQueue {
  private events: EventStruct[] = []

  /** Adds an event unless an equal one is already queued. */
  add(eventCode: string, commandKey = ''): void {
    const multiple = eventCode.startsWith('M ')
    for (const e of this.events) {
      if (e.eventCode === eventCode && (!multiple || e.commandKey === commandKey)) return
    }
    this.events.push({ eventCode, commandKey })
  }

  /** True if an event with this code is queued. */
  has(eventCode: string): boolean {
    return this.events.some((e) => e.eventCode === eventCode)
  }

  /** The queued events, for one Inform (the array is a copy; its items identify what was delivered). */
  pending(): EventStruct[] {
    return [...this.events]
  }

  /** The Inform carrying `delivered` was acknowledged: those events are done. */
  delivered(delivered: readonly EventStruct[]): void {
    const done = new Set(delivered)
    this.events = this.events.filter((e) => !done.has(e))
  }

  /** The session failed before its Inform was acknowledged. */
  sessionFailed(): void {
    this.events = this.events.filter((e) => !DROPPED_ON_FAILURE.has(e.eventCode))
  }

  /** The device rebooted. */
  rebooted(): void {
    this.events = this.events.filter((e) => !DROPPED_ON_REBOOT.has(e.eventCode))
  }

  /** Forgets everything (factory reset). */
  clear(): void {
    this.events = []
  }

  /** Number of queued events. */
  get size(): number {
    return this.events.length
  }
}
