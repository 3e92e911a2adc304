/** Books the outcome of every RPC provisioning queued: convergence state and task lifecycles. */
import { randomUUID } from 'node:crypto'
import type { Stopper } from '@acs/bus'
import { deviceCredentialsV1, deviceToken, rpcResultV1, type RpcResultV1 } from '@acs/contracts'
import { retryDelaySeconds } from '../converge/decide-convergence.js'
import { valueDigest } from '../desired/desired-state.js'
import { fromMap, toMap, type ProvisioningDevice } from '../devices/provisioning-device.js'
import { parseConvergeTag, type ConvergeTag } from '../service/converge-rpcs.js'
import { isKnownRoot, SERVICE, type ProvisioningContext } from '../service/context.js'
import { applyOutcome } from '../tasks/task-lifecycle.js'

/** Durable consumer name shared by every replica (each result is booked by one of them). */
export const RESULTS_DURABLE = 'provisioning-results'
const MAX_CONVERGE_BACKOFF_S = 24 * 3600

/** Starts consuming rpc.v1.result.provisioning.*; returns the stopper. */
export function startRpcResultConsumer(ctx: ProvisioningContext): Promise<Stopper> {
  return ctx.bus.consume(rpcResultV1, { durable: RESULTS_DURABLE, filter: rpcResultV1.filter(SERVICE) }, async (delivery) => {
    await bookResult(ctx, delivery.payload)
  })
}

/** Books one result; safe to run twice for the same result. */
export async function bookResult(ctx: ProvisioningContext, result: RpcResultV1): Promise<void> {
  const tag = parseConvergeTag(result.correlationId)
  if (tag) return bookConvergence(ctx, result, tag)
  if (!result.correlationId) return
  await ctx.repos.tasks.mutate(result.correlationId, (task) =>
    task ? applyOutcome(task, { rpcId: result.rpcId, outcome: result.outcome, ...(result.response ? { response: result.response } : {}), ...(result.fault ? { fault: result.fault } : {}) }, ctx.now()) : null,
  )
}

async function bookConvergence(ctx: ProvisioningContext, result: RpcResultV1, tag: ConvergeTag): Promise<void> {
  const now = ctx.now()
  if (result.outcome === 'faulted') {
    const fault = result.fault ?? { faultCode: 0, faultString: 'faulted without details' }
    await ctx.repos.devices.mutate(result.deviceId, (cur) => {
      if (!cur) return null
      // Siblings failed with the group (no session id) or a redelivery belong to the failure already booked.
      const booked = cur.failure?.digest === tag.digest && (result.sessionId === undefined || cur.failure.sessionId === result.sessionId)
      if (booked) return null
      const failures = (cur.failure?.digest === tag.digest ? cur.failure.failures : 0) + 1
      const delay = retryDelaySeconds(failures, ctx.config.ACS_PROVISIONING_CONVERGE_RETRY_BACKOFF_S, MAX_CONVERGE_BACKOFF_S)
      const { converging: _ended, ...rest } = cur
      return {
        ...rest,
        failure: {
          digest: tag.digest,
          failures,
          retryAfter: new Date(now.getTime() + delay * 1000),
          at: now,
          method: result.method,
          fault,
          ...(result.sessionId ? { sessionId: result.sessionId } : {}),
        },
      }
    })
    return
  }
  if (result.outcome !== 'done') return
  if (tag.role === 'attributes') {
    await ctx.repos.devices.mutate(result.deviceId, (cur) => (cur && cur.applied.attributesDigest !== tag.digest ? { ...cur, applied: { ...cur.applied, attributesDigest: tag.digest } } : null))
    return
  }
  if (!tag.final) return
  const rpc = await ctx.store.rpcQueue.get(result.rpcId)
  const written = rpc?.request.method === 'SetParameterValues' ? ((rpc.request as { parameterList?: { name: string; value: string }[] }).parameterList ?? []) : []
  let announce: ProvisioningDevice | undefined
  await ctx.repos.devices.mutate(result.deviceId, (cur) => {
    if (!cur || !isKnownRoot(cur.dataModelRoot)) return null
    const model = ctx.renderModel(cur.dataModelRoot)
    const writeOnly = toMap(cur.applied.writeOnly)
    const known = toMap(cur.knownValues)
    const ms = `${cur.dataModelRoot}.ManagementServer.`
    let credentials = false
    for (const p of written) {
      if (model.isWriteOnly(p.name)) writeOnly.set(p.name, valueDigest(p.name, p.value))
      else known.set(p.name, p.value)
      if (p.name.startsWith(`${ms}ConnectionRequest`) || p.name === `${ms}Username` || p.name === `${ms}Password`) credentials = true
    }
    const { converging, failure: _cleared, ...rest } = cur
    const next: ProvisioningDevice = {
      ...rest,
      ...(converging && converging.sessionId !== result.sessionId ? { converging } : {}),
      knownValues: fromMap(known),
      applied: { ...cur.applied, digest: tag.digest, parameterKey: tag.digest, writeOnly: fromMap(writeOnly), at: now },
      drift: [],
    }
    announce = credentials ? next : undefined
    return next
  })
  if (announce) await announceCredentials(ctx, announce)
}

/** Tells the gateway the credentials now on the device (it authenticates CPEs and connection requests with them). */
export async function announceCredentials(ctx: ProvisioningContext, device: ProvisioningDevice): Promise<void> {
  const { connectionRequest, cpe } = device.credentials
  if (!connectionRequest && !cpe) return
  await ctx.bus.publish(deviceCredentialsV1, deviceCredentialsV1.subject(deviceToken(device.deviceId)), {
    eventId: randomUUID(),
    deviceId: device.deviceId,
    occurredAt: ctx.now().toISOString(),
    ...(connectionRequest ? { connectionRequest } : {}),
    ...(cpe ? { cpe } : {}),
  })
}
