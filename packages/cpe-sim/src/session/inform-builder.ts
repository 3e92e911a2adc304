import type { EventStruct, Inform, ParameterValue } from '@acs/cwmp'
import type { SimDevice } from '../device/sim-device.js'
import { isoSeconds } from '../model/value-helpers.js'

/** An Inform ready to send and what it delivers, to settle once the ACS acknowledged it. */
export interface PreparedInform {
  readonly inform: Inform
  /** Queue events carried (removed from the queue on InformResponse). */
  readonly queued: readonly EventStruct[]
  /** Changed parameters reported (their VALUE CHANGE is then delivered). */
  readonly changed: readonly string[]
}

/**
 * Builds the Inform of a session: queued events, plus events derived from completed transfers
 * and DU jobs (kept until their completion request is acknowledged, §5.2) and `4 VALUE CHANGE`
 * for changed parameters; the ParameterList holds the forced inform parameters, the changed
 * ones and enabled `ManagementServer.InformParameter` entries.
 */
export function prepareInform(device: SimDevice, now: number): PreparedInform {
  const queued = device.events.pending()
  const events: EventStruct[] = [...queued]
  const add = (eventCode: string, commandKey = ''): void => {
    if (!events.some((e) => e.eventCode === eventCode && e.commandKey === commandKey)) events.push({ eventCode, commandKey })
  }
  for (const t of device.transfers ?? []) {
    if (t.state !== 3) continue
    add('7 TRANSFER COMPLETE')
    add(`M ${t.method}`, t.commandKey)
  }
  for (const job of device.duJobs ?? []) {
    if (job.state !== 'done') continue
    add('11 DU STATE CHANGE COMPLETE')
    add('M ChangeDUState', job.commandKey)
  }
  const changed = [...(device.changed ?? [])]
  if (changed.length > 0) add('4 VALUE CHANGE')

  const names: string[] = [...device.profile.forcedInform]
  for (const path of changed) if (!names.includes(path)) names.push(path)
  for (const path of informParameters(device, events, now)) if (!names.includes(path)) names.push(path)
  const parameterList: ParameterValue[] = []
  for (const name of names) {
    const v = device.tree.get(name, now)
    if (v) parameterList.push({ name, value: v.value, type: v.type })
  }
  const f = device.facts
  return {
    inform: {
      method: 'Inform',
      deviceId: { manufacturer: f.manufacturer, oui: f.oui, productClass: f.productClass, serialNumber: f.serial },
      events: events.slice(0, 64),
      maxEnvelopes: 1,
      currentTime: isoSeconds(now),
      retryCount: device.retryCount,
      parameterList,
    },
    queued,
    changed,
  }
}

/** `ManagementServer.InformParameter.{i}` entries that apply to this Inform's events (§5.4). */
function informParameters(device: SimDevice, events: readonly EventStruct[], now: number): string[] {
  const table = `${device.root}.ManagementServer.InformParameter.`
  const out: string[] = []
  for (const n of device.tree.instancesOf(table)) {
    const base = `${table}${n}.`
    if (device.tree.get(`${base}Enable`, now)?.value !== 'true') continue
    const name = device.tree.get(`${base}ParameterName`, now)?.value ?? ''
    if (name === '' || name.endsWith('.')) continue
    const list = (device.tree.get(`${base}EventList`, now)?.value ?? '').split(',').map((s) => s.trim()).filter(Boolean)
    if (list.length === 0 || events.some((e) => list.includes(e.eventCode))) out.push(name)
  }
  return out
}

/** Settles what an acknowledged Inform delivered: its queue events and reported value changes. */
export function informAcknowledged(device: SimDevice, prepared: PreparedInform): void {
  device.events.delivered(prepared.queued)
  if (device.changed) {
    for (const p of prepared.changed) device.changed.delete(p)
    if (device.changed.size === 0) device.changed = undefined
  }
}
