/** Turns the changes into as few RPCs as CWMP allows, each tagged for the session's bookkeeping. */
import type { AddObject, CpeRequest, DeleteObject, GetParameterValues, SetParameterAttributes, SetParameterValues } from '@acs/cwmp'
import { pendingKey, type DesiredAttribute } from '../desired/desired-state.js'
import type { AddInstance, Changes, SetValue } from './diff.js'

/** What an RPC of the convergence plan is for. */
export type RpcRole = 'read' | 'delete' | 'add' | 'set' | 'attributes'

/** One RPC to queue. */
export interface PlannedRpc {
  role: RpcRole
  /** Unique within the session: the idempotency key is `${sessionId}:cv:${step}`. */
  step: string
  request: CpeRequest
  /** The owner decides follow-ups when it completes (reads, and adds whose instance numbers the write needs). */
  awaited: boolean
  /** Carries the digest as ParameterKey: when it is done, the device holds the desired configuration. */
  final: boolean
}

/** Reads what the diff needs: one GetParameterValues. */
export function planRead(names: readonly string[]): PlannedRpc {
  const request: GetParameterValues = { method: 'GetParameterValues', parameterNames: [...names] }
  return { role: 'read', step: 'read', request, awaited: true, final: false }
}

function setRequest(values: readonly SetValue[], key: string): SetParameterValues {
  return { method: 'SetParameterValues', parameterList: values.map((v) => ({ name: v.name, value: v.value, type: v.type })), parameterKey: key }
}

/** One SetParameterAttributes for every desired attribute. */
export function attributesRequest(attributes: readonly DesiredAttribute[]): SetParameterAttributes {
  return {
    method: 'SetParameterAttributes',
    parameterList: attributes.map((a) => ({
      name: a.name,
      notificationChange: a.notification !== undefined,
      notification: a.notification ?? 0,
      accessListChange: a.accessList !== undefined,
      accessList: a.accessList ?? [],
    })),
  }
}

/** The step name of an add, stable for a given instance identity. */
export function addStep(add: AddInstance): string {
  return `add:${add.identity}`
}

/**
 * The writes of a plan. With instances to add, only the deletes and the adds (awaited) go now;
 * the SetParameterValues follows once every new instance number is known (planAfterAdds).
 * The last RPC that sets ParameterKey carries the digest, the earlier ones a pending key, so
 * the device reports the digest only once everything was applied.
 */
export function planWrites(changes: Changes, digest: string, attributes: readonly DesiredAttribute[] | null): PlannedRpc[] {
  const pending = pendingKey(digest)
  const rpcs: PlannedRpc[] = changes.deletes.map((objectName, i) => {
    const request: DeleteObject = { method: 'DeleteObject', objectName, parameterKey: pending }
    return { role: 'delete', step: `del:${i}`, request, awaited: false, final: false }
  })
  if (changes.adds.length > 0) {
    for (const add of changes.adds) {
      const request: AddObject = { method: 'AddObject', objectName: add.table, parameterKey: pending }
      rpcs.push({ role: 'add', step: addStep(add), request, awaited: true, final: false })
    }
    return rpcs
  }
  if (changes.sets.length > 0) rpcs.push({ role: 'set', step: 'set', request: setRequest(changes.sets, digest), awaited: false, final: true })
  else if (rpcs.length > 0) {
    const last = rpcs[rpcs.length - 1]!
    ;(last.request as DeleteObject).parameterKey = digest
    last.final = true
  }
  if (attributes && attributes.length > 0) rpcs.push({ role: 'attributes', step: 'attributes', request: attributesRequest(attributes), awaited: false, final: false })
  return rpcs
}

/** After the adds: one SetParameterValues for the remaining sets plus every new instance's values. */
export function planAfterAdds(changes: Changes, instances: ReadonlyMap<string, number>, digest: string, attributes: readonly DesiredAttribute[] | null): PlannedRpc[] {
  const values: SetValue[] = [...changes.sets]
  for (const add of changes.adds) {
    const n = instances.get(add.identity)
    if (n === undefined) continue
    for (const v of add.values) values.push({ name: `${add.table}${n}.${v.name}`, value: v.value, type: v.type, writeOnly: v.writeOnly })
  }
  const rpcs: PlannedRpc[] = [{ role: 'set', step: 'set', request: setRequest(values, digest), awaited: false, final: true }]
  if (attributes && attributes.length > 0) rpcs.push({ role: 'attributes', step: 'attributes', request: attributesRequest(attributes), awaited: false, final: false })
  return rpcs
}
