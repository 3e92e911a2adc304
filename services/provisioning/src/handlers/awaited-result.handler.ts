/** In-session: after the read (or each AddObject) of a convergence, queue what follows in the same session. */
import type { AwaitedReplyV1, AwaitedResultV1 } from '@acs/contracts'
import { planAfterRead } from '../converge/convergence.js'
import type { Reported } from '../converge/diff.js'
import { addStep, planAfterAdds } from '../converge/plan-rpcs.js'
import { knowledgeOf, managementOf } from '../devices/knowledge.js'
import { fromMap, toMap, type ProvisioningDevice } from '../devices/provisioning-device.js'
import { enqueueConvergence, parseConvergeTag } from '../service/converge-rpcs.js'
import { isKnownRoot, SERVICE, type ProvisioningContext } from '../service/context.js'
import { markConverged } from './inform-hook.handler.js'

const NOTHING: AwaitedReplyV1 = { service: SERVICE, queued: 0 }

function readValues(response: unknown): Map<string, Reported> | null {
  const list = (response as { parameterList?: unknown } | undefined)?.parameterList
  if (!Array.isArray(list)) return null
  const out = new Map<string, Reported>()
  for (const item of list) {
    const p = item as { name?: unknown; value?: unknown; type?: unknown }
    if (typeof p.name === 'string' && typeof p.value === 'string') out.set(p.name, { value: p.value, ...(typeof p.type === 'string' ? { type: p.type } : {}) })
  }
  return out
}

function instanceNumber(response: unknown): number | null {
  const n = (response as { instanceNumber?: unknown } | undefined)?.instanceNumber
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null
}

/** Handles one awaited result; faults are booked by the result consumer, so they queue nothing here. */
export async function handleAwaitedResult(ctx: ProvisioningContext, result: AwaitedResultV1): Promise<AwaitedReplyV1> {
  const tag = parseConvergeTag(result.correlationId)
  if (!tag || result.outcome !== 'done') return NOTHING
  const device = await ctx.repos.devices.get(result.deviceId)
  if (!device?.converging || device.converging.sessionId !== result.sessionId || !isKnownRoot(device.dataModelRoot)) return NOTHING
  if (tag.role === 'read') return afterRead(ctx, device, result)
  if (tag.role === 'add') return afterAdd(ctx, device, result)
  return NOTHING
}

async function afterRead(ctx: ProvisioningContext, device: ProvisioningDevice, result: AwaitedResultV1): Promise<AwaitedReplyV1> {
  const values = readValues(result.response)
  const converging = device.converging!
  if (!values || !isKnownRoot(device.dataModelRoot)) return NOTHING
  const snapshot = await ctx.profiles.current()
  const plan = planAfterRead(
    { profiles: snapshot.profiles, management: managementOf(device, ctx.config), model: ctx.renderModel(device.dataModelRoot) },
    knowledgeOf(device),
    { values, bootstrap: converging.bootstrap },
  )
  await ctx.repos.devices.mutate(device.deviceId, (cur) => {
    if (!cur || cur.converging?.sessionId !== result.sessionId) return null
    const known = toMap(cur.knownValues)
    for (const [k, v] of values) known.set(k, v.value)
    const next: ProvisioningDevice = {
      ...cur,
      ...plan.facts,
      tags: cur.tags,
      knownValues: fromMap(known),
      matchedProfiles: plan.matches.map((m) => m.id),
      problems: plan.state.problems,
      drift: plan.changes.drift,
    }
    if (plan.changes.adds.length > 0) {
      next.converging = {
        ...converging,
        stage: 'adding',
        pending: {
          digest: plan.digest,
          attributesDigest: plan.attributesDigest,
          attributes: converging.bootstrap || cur.applied.attributesDigest !== plan.attributesDigest ? plan.state.attributes : null,
          sets: plan.changes.sets,
          adds: plan.changes.adds,
          instances: [],
        },
      }
    } else next.converging = { ...converging, stage: 'writing' }
    return next
  })
  if (plan.rpcs.length === 0) {
    await markConverged(ctx, device.deviceId, result.sessionId, plan.digest)
    return NOTHING
  }
  const queued = await enqueueConvergence(ctx, device.deviceId, result.sessionId, plan.rpcs, plan)
  return { service: SERVICE, queued }
}

async function afterAdd(ctx: ProvisioningContext, device: ProvisioningDevice, result: AwaitedResultV1): Promise<AwaitedReplyV1> {
  const n = instanceNumber(result.response)
  const rpc = await ctx.store.rpcQueue.get(result.rpcId)
  const step = rpc?.idempotencyKey?.slice(`${result.sessionId}:cv:`.length)
  if (n === null || !step) return NOTHING
  let ready: NonNullable<NonNullable<ProvisioningDevice['converging']>['pending']> | undefined
  await ctx.repos.devices.mutate(device.deviceId, (cur) => {
    const pending = cur?.converging?.pending
    if (!cur || !pending || cur.converging?.sessionId !== result.sessionId) return null
    const add = pending.adds.find((a) => addStep(a) === step)
    if (!add) return null
    const instances = [...pending.instances.filter((i) => i.identity !== add.identity), { identity: add.identity, instance: n }]
    const nextPending = { ...pending, instances }
    if (instances.length === pending.adds.length) ready = nextPending
    return { ...cur, converging: { ...cur.converging!, stage: instances.length === pending.adds.length ? 'writing' : 'adding', pending: nextPending } }
  })
  if (!ready) return NOTHING
  const instances = new Map(ready.instances.map((i) => [i.identity, i.instance]))
  const rpcs = planAfterAdds({ deletes: [], adds: ready.adds, sets: ready.sets, drift: [] }, instances, ready.digest, ready.attributes)
  const queued = await enqueueConvergence(ctx, device.deviceId, result.sessionId, rpcs, ready)
  return { service: SERVICE, queued }
}
