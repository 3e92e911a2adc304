/** Queues the planner's RPCs for a session, tagged so their results can be booked without extra state. */
import type { PlannedRpc, RpcRole } from '../converge/plan-rpcs.js'
import { SERVICE, type ProvisioningContext } from './context.js'

const PREFIX = 'cv|'

/** What a convergence RPC's correlation id says. */
export interface ConvergeTag {
  role: RpcRole
  /** Its success means the device holds `digest`. */
  final: boolean
  /** The configuration digest (attributes digest for role 'attributes'; 'unresolved' for a read before it is known). */
  digest: string
}

/** `cv|<role>[!]|<digest>`: role, final flag, digest. */
export function convergeCorrelation(rpc: PlannedRpc, digest: string, attributesDigest: string): string {
  return `${PREFIX}${rpc.role}${rpc.final ? '!' : ''}|${rpc.role === 'attributes' ? attributesDigest : digest}`
}

/** Parses a correlation id written by convergeCorrelation; null for anything else (tasks). */
export function parseConvergeTag(correlationId: string | undefined): ConvergeTag | null {
  if (!correlationId?.startsWith(PREFIX)) return null
  const [roleText = '', digest = ''] = correlationId.slice(PREFIX.length).split('|', 2)
  const final = roleText.endsWith('!')
  const role = (final ? roleText.slice(0, -1) : roleText) as RpcRole
  if (!['read', 'delete', 'add', 'set', 'attributes'].includes(role)) return null
  return { role, final, digest }
}

/** The group of a session's convergence RPCs: a CPE fault on one fails the rest. */
export function convergeGroup(sessionId: string): string {
  return `cv:${sessionId}`
}

/**
 * Enqueues in order; the idempotency key `${sessionId}:cv:${step}` makes a redelivered hook or
 * awaited result (or a second replica handling it) return the same RPCs instead of adding more.
 */
export async function enqueueConvergence(
  ctx: ProvisioningContext,
  deviceId: string,
  sessionId: string,
  rpcs: readonly PlannedRpc[],
  digests: { digest: string; attributesDigest: string },
): Promise<number> {
  const now = ctx.now()
  for (const rpc of rpcs) {
    await ctx.store.rpcQueue.enqueue(
      {
        deviceId,
        service: SERVICE,
        request: rpc.request,
        group: convergeGroup(sessionId),
        awaited: rpc.awaited,
        correlationId: convergeCorrelation(rpc, digests.digest, digests.attributesDigest),
        idempotencyKey: `${sessionId}:cv:${rpc.step}`,
      },
      now,
    )
  }
  return rpcs.length
}

/** Cancels convergence RPCs an earlier session left queued: their plan was made on values that may have changed. */
export async function cancelStaleConvergence(ctx: ProvisioningContext, deviceId: string, sessionId: string): Promise<void> {
  const queued = await ctx.store.rpcQueue.listByDevice(deviceId, { statuses: ['queued'], limit: 100 })
  for (const rpc of queued) {
    if (rpc.service === SERVICE && parseConvergeTag(rpc.correlationId) && !rpc.idempotencyKey?.startsWith(`${sessionId}:`)) {
      await ctx.store.rpcQueue.cancel(rpc.id, ctx.now())
    }
  }
}
