import type {
  Fault,
  GetParameterAttributes,
  GetParameterAttributesResponse,
  ParameterAttribute,
  SetParameterAttributes,
  SetParameterAttributesResponse,
} from '@acs/cwmp'
import type { ParameterDef } from '@acs/data-model'
import type { SimDevice } from '../device/sim-device.js'
import { cpeFault } from './cpe-fault.js'

/** Parameters a name selects: itself, or every parameter below a partial path; undefined if unknown. */
function targets(device: SimDevice, name: string): { path: string; def: ParameterDef }[] | undefined {
  if (name === '' || name.endsWith('.')) {
    const prefix = name === '' ? `${device.root}.` : name
    if (name !== '' && device.tree.node(name)?.kind !== 'object') return undefined
    const out: { path: string; def: ParameterDef }[] = []
    for (const n of device.tree.walk(prefix)) if (n.kind === 'param') out.push({ path: n.path, def: n.def })
    return out
  }
  const node = device.tree.node(name)
  return node?.kind === 'param' ? [{ path: name, def: node.def }] : undefined
}

/** Why a notification value is refused for a parameter (§11.2), or undefined if it is accepted. */
function refusal(def: ParameterDef, notification: number): string | undefined {
  if (notification > 2) return 'lightweight notification is not supported'
  if (def.activeNotify === 'forceEnabled' && notification !== 2) return 'active notification is forced on'
  if (def.activeNotify === 'canDeny' && notification === 2) return 'active notification denied for this parameter'
  return undefined
}

/**
 * SetParameterAttributes (§6.5): all entries are checked before any applies; a named parameter
 * whose notification is forced or deniable faults 9009. Under a partial path such parameters
 * are skipped rather than failing the whole request, as real CPEs do.
 */
export function setParameterAttributes(device: SimDevice, req: SetParameterAttributes): SetParameterAttributesResponse | Fault {
  const plan: { path: string; def: ParameterDef; notification?: number; accessList?: string[] }[] = []
  for (const s of req.parameterList) {
    if (s.notificationChange && (!Number.isInteger(s.notification) || s.notification < 0 || s.notification > 6)) {
      return cpeFault(9003, `${s.name}: Notification must be 0-6`)
    }
    if (s.accessListChange && s.accessList.some((a) => a.length > 64)) return cpeFault(9003, `${s.name}: AccessList entry too long`)
    const list = targets(device, s.name)
    if (!list) return cpeFault(9005, `${s.name} does not exist`)
    const partial = s.name === '' || s.name.endsWith('.')
    for (const t of list) {
      let notification: number | undefined
      if (s.notificationChange) {
        const why = refusal(t.def, s.notification)
        if (why && !partial) return cpeFault(9009, `${t.path}: ${why}`)
        if (!why) notification = s.notification
      }
      plan.push({ ...t, notification, accessList: s.accessListChange ? s.accessList : undefined })
    }
  }
  for (const p of plan) {
    if (p.notification !== undefined) device.tree.setNotification(p.path, p.notification)
    if (p.accessList !== undefined) device.tree.setAccessList(p.path, p.accessList)
  }
  return { method: 'SetParameterAttributesResponse' }
}

/** GetParameterAttributes (§6.6): notification and AccessList of every selected parameter. */
export function getParameterAttributes(device: SimDevice, req: GetParameterAttributes): GetParameterAttributesResponse | Fault {
  const out: ParameterAttribute[] = []
  for (const name of req.parameterNames) {
    const list = targets(device, name)
    if (!list) return cpeFault(9005, `${name} does not exist`)
    for (const t of list) out.push({ name: t.path, notification: device.tree.notification(t.path, t.def), accessList: device.tree.accessList(t.path) })
  }
  return { method: 'GetParameterAttributesResponse', parameterList: out }
}
