/** For one device: exactly which RPCs convergence would send now, from what provisioning knows of it. */
import type { CpeRequest } from '@acs/cwmp'
import { planAfterRead, planAtInform } from '../converge/convergence.js'
import type { Reported } from '../converge/diff.js'
import type { ConvergenceReason } from '../converge/decide-convergence.js'
import type { DesiredState } from '../desired/desired-state.js'
import { knowledgeOf, managementOf } from '../devices/knowledge.js'
import { toMap, type ProvisioningDevice } from '../devices/provisioning-device.js'
import type { ProvisioningContext } from './context.js'
import { isKnownRoot } from './context.js'

/** One RPC of the dry run. */
export interface DryRunRpc {
  /** 1 for what goes at the inform; 2 after the read; 3 after the adds. */
  round: number
  method: string
  request: CpeRequest
  /** Later rounds depend on what the read returns: computed from the values last read. */
  predicted: boolean
}

/** The dry run's answer. */
export interface DryRun {
  deviceId: string
  converge: boolean
  reason: ConvergenceReason
  digest?: string
  rpcs: DryRunRpc[]
  desired: DesiredState
}

function redact(request: CpeRequest, writeOnly: (name: string) => boolean): CpeRequest {
  if (request.method !== 'SetParameterValues') return request
  return { ...request, parameterList: request.parameterList.map((p) => (writeOnly(p.name) ? { ...p, value: '********' } : p)) }
}

/** Plans as if the device informed now (`bootstrap`: as if with 0 BOOTSTRAP); write-only values are masked. */
export async function dryRun(ctx: ProvisioningContext, device: ProvisioningDevice, bootstrap: boolean): Promise<DryRun | null> {
  if (!isKnownRoot(device.dataModelRoot)) return null
  const snapshot = await ctx.profiles.current()
  const model = ctx.renderModel(device.dataModelRoot)
  const cctx = { profiles: snapshot.profiles, management: managementOf(device, ctx.config), model }
  const knowledge = knowledgeOf(device)
  const inform = new Map<string, string>()
  if (device.reportedParameterKey !== undefined) inform.set(`${device.dataModelRoot}.ManagementServer.ParameterKey`, device.reportedParameterKey)
  const plan = planAtInform(cctx, knowledge, { values: inform, bootstrap, reportedKey: device.reportedParameterKey, now: ctx.now() })
  const rpcs: DryRunRpc[] = []
  const add = (round: number, request: CpeRequest, predicted: boolean) => rpcs.push({ round, method: request.method, request: redact(request, (n) => model.isWriteOnly(n)), predicted })
  if (plan.next.kind === 'write') for (const r of plan.next.rpcs) add(1, r.request, false)
  if (plan.next.kind === 'read') {
    add(1, plan.next.rpc.request, false)
    const known = new Map<string, Reported>([...toMap(device.knownValues)].map(([k, v]) => [k, { value: v }]))
    const after = planAfterRead(cctx, knowledge, { values: known, bootstrap })
    for (const r of after.rpcs) add(2, r.request, true)
    if (after.changes.adds.length > 0) {
      // The new instance numbers come with the AddObject responses: shown here as {i}.
      const values = [
        ...after.changes.sets,
        ...after.changes.adds.flatMap((a) => a.values.map((v) => ({ ...v, name: `${a.table}{i}.${v.name}` }))),
      ]
      add(3, { method: 'SetParameterValues', parameterList: values.map((v) => ({ name: v.name, value: v.value, type: v.type })), parameterKey: after.digest }, true)
    }
  }
  return { deviceId: device.deviceId, converge: plan.decision.converge, reason: plan.decision.reason, ...(plan.digest ? { digest: plan.digest } : {}), rpcs, desired: plan.state }
}
