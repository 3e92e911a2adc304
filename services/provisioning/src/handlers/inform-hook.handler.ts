/** In-session: on every inform, decide whether the device must converge and queue the first RPCs. */
import { randomBytes } from 'node:crypto'
import type { InformHookReplyV1, InformHookV1 } from '@acs/contracts'
import { planAtInform, type InformPlan } from '../converge/convergence.js'
import { failureKey } from '../converge/decide-convergence.js'
import { knowledgeOf, managementOf } from '../devices/knowledge.js'
import { connectionRequestUsername, recordInform, type Generated } from '../devices/record-inform.js'
import type { ProvisioningDevice } from '../devices/provisioning-device.js'
import { cancelStaleConvergence, enqueueConvergence } from '../service/converge-rpcs.js'
import { isKnownRoot, SERVICE, type ProvisioningContext } from '../service/context.js'

/** A random secret of URL-safe characters. */
export function newSecret(length = 20): string {
  return randomBytes(length).toString('base64url').slice(0, length)
}

function generate(ctx: ProvisioningContext, deviceId: string, secretNames: readonly string[]): Generated {
  return {
    connectionRequest: { username: connectionRequestUsername(ctx.config.ACS_PROVISIONING_CR_USERNAME_PREFIX, deviceId), password: newSecret() },
    ...(ctx.config.ACS_PROVISIONING_CPE_CREDENTIALS === 'per-device' ? { cpe: { username: deviceId, password: newSecret() } } : {}),
    secrets: secretNames.map((name) => ({ name, value: newSecret() })),
  }
}

/** Handles one inform hook; replies within the gateway's deadline with how many RPCs it queued. */
export async function handleInformHook(ctx: ProvisioningContext, hook: InformHookV1): Promise<InformHookReplyV1> {
  if (!isKnownRoot(hook.dataModelRoot)) return { service: SERVICE, queued: 0 }
  const root = hook.dataModelRoot
  const now = ctx.now()
  const snapshot = await ctx.profiles.current()
  const bootstrap = hook.events.some((e) => e.eventCode === '0 BOOTSTRAP')
  const informValues = new Map(hook.parameters.map((p) => [p.name, p.value]))
  const generated = generate(ctx, hook.deviceId, snapshot.secretNames)

  let plan: InformPlan | undefined
  await ctx.repos.devices.mutate(hook.deviceId, (current) => {
    const device = recordInform(current, hook, now, generated)
    plan = planAtInform(
      { profiles: snapshot.profiles, management: managementOf(device, ctx.config), model: ctx.renderModel(root) },
      knowledgeOf(device),
      { values: informValues, bootstrap, reportedKey: device.reportedParameterKey, now },
    )
    const next: ProvisioningDevice = {
      ...device,
      matchedProfiles: plan.matches.filter((m) => m.result === 'match').map((m) => m.id),
      problems: plan.state.problems,
      drift: plan.drift.length > 0 ? plan.drift : device.drift,
      lastDecision: { reason: plan.decision.reason, at: now, sessionId: hook.sessionId, ...(plan.digest ? { digest: plan.digest } : {}) },
    }
    if (plan.next.kind === 'read') next.converging = { sessionId: hook.sessionId, bootstrap, reason: plan.decision.reason, stage: 'reading', startedAt: now }
    else if (plan.next.kind === 'write') next.converging = { sessionId: hook.sessionId, bootstrap, reason: plan.decision.reason, stage: 'writing', startedAt: now }
    return next
  })
  if (!plan || plan.next.kind === 'none') return { service: SERVICE, queued: 0 }

  await cancelStaleConvergence(ctx, hook.deviceId, hook.sessionId)
  if (plan.next.kind === 'read') {
    const queued = await enqueueConvergence(ctx, hook.deviceId, hook.sessionId, [plan.next.rpc], { digest: failureKey(plan.digest), attributesDigest: '' })
    return { service: SERVICE, queued }
  }
  if (plan.next.rpcs.length === 0) {
    await markConverged(ctx, hook.deviceId, hook.sessionId, plan.next.digest)
    return { service: SERVICE, queued: 0 }
  }
  const queued = await enqueueConvergence(ctx, hook.deviceId, hook.sessionId, plan.next.rpcs, plan.next)
  return { service: SERVICE, queued }
}

/** Records that the device was found holding `digest` without any write (its current ParameterKey stays). */
export async function markConverged(ctx: ProvisioningContext, deviceId: string, sessionId: string, digest: string): Promise<void> {
  const now = ctx.now()
  await ctx.repos.devices.mutate(deviceId, (cur) => {
    if (!cur) return null
    const { converging: _done, failure: _cleared, ...rest } = cur
    const mine = cur.converging?.sessionId === sessionId
    return {
      ...(mine ? rest : { ...rest, ...(cur.converging ? { converging: cur.converging } : {}) }),
      applied: { ...cur.applied, digest, parameterKey: cur.reportedParameterKey, at: now },
      drift: [],
    }
  })
}
