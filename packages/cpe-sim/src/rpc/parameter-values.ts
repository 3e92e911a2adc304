import type { Fault, GetParameterValues, GetParameterValuesResponse, ParameterValue, SetParameterValues, SetParameterValuesFault, SetParameterValuesResponse } from '@acs/cwmp'
import type { SimDevice } from '../device/sim-device.js'
import { MAX_PATH_LENGTH, cpeFault } from './cpe-fault.js'
import { onParametersSet } from './set-side-effects.js'

/** GetParameterValues: full names and partial paths (every parameter below); any unknown name faults 9005. */
export function getParameterValues(device: SimDevice, req: GetParameterValues, now: number): GetParameterValuesResponse | Fault {
  const out: ParameterValue[] = []
  for (const name of req.parameterNames) {
    if (name.length > MAX_PATH_LENGTH) return cpeFault(9003, `${name.slice(0, 40)}...: longer than ${MAX_PATH_LENGTH}`)
    const partial = name === '' || name.endsWith('.')
    if (partial) {
      const prefix = name === '' ? `${device.root}.` : name
      if (name !== '' && device.tree.node(name)?.kind !== 'object') return cpeFault(9005, `${name} is not an object`)
      for (const node of device.tree.walk(prefix)) {
        if (node.kind !== 'param') continue
        const v = device.tree.get(node.path, now)
        if (v) out.push({ name: node.path, value: v.value, type: v.type })
      }
      continue
    }
    const v = device.tree.get(name, now)
    if (!v) return cpeFault(9005, `${name} is not a parameter`)
    out.push({ name, value: v.value, type: v.type })
  }
  return { method: 'GetParameterValuesResponse', parameterList: out }
}

/**
 * SetParameterValues, atomic (§6.2): every entry is checked against the data model first
 * (9005 unknown, 9008 read-only, 9006 wrong xsi:type, 9007 bad value); any failure answers 9003
 * with one SetParameterValuesFault per bad entry and changes nothing, ParameterKey included.
 */
export function setParameterValues(device: SimDevice, req: SetParameterValues, now: number): SetParameterValuesResponse | Fault {
  if (req.parameterKey.length > 32) return cpeFault(9003, 'ParameterKey longer than 32')
  const faults: SetParameterValuesFault[] = []
  const seen = new Set<string>()
  for (const pv of req.parameterList) {
    if (seen.has(pv.name)) return cpeFault(9003, `${pv.name} appears twice`)
    seen.add(pv.name)
    const node = device.tree.node(pv.name)
    if (node?.kind !== 'param') {
      faults.push({ parameterName: pv.name, faultCode: 9005, faultString: 'Invalid parameter name' })
      continue
    }
    const check = device.profile.model.validate(pv.name, pv.value, pv.type)
    if (!check.ok) faults.push({ parameterName: pv.name, faultCode: check.code, faultString: check.message })
  }
  if (faults.length > 0) return cpeFault(9003, 'Invalid arguments', faults)
  for (const pv of req.parameterList) device.tree.set(pv.name, pv.value)
  device.tree.set(`${device.root}.ManagementServer.ParameterKey`, req.parameterKey)
  onParametersSet(device, req.parameterList.map((p) => p.name), now)
  return { method: 'SetParameterValuesResponse', status: 0 }
}
