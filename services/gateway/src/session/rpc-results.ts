import { randomUUID } from 'node:crypto'
import { deviceToken, rpcResultV1, type CwmpFault, type RpcResultV1 } from '@acs/contracts'
import type { QueuedRpc } from '@acs/store'
import type { GatewayContext } from '../gateway-context.js'
import type { InFlightRpc, RpcEnd } from './session-types.js'

/** The result event of an RPC this session completed. */
export function resultOfCompletion(deviceId: string, sessionId: string, rpc: InFlightRpc, end: RpcEnd, at: Date): RpcResultV1 {
  const result: RpcResultV1 = {
    eventId: randomUUID(),
    rpcId: rpc.id,
    deviceId,
    service: rpc.service,
    method: rpc.method,
    outcome: end.status,
    sessionId,
    completedAt: at.toISOString(),
  }
  if (end.status === 'done') result.response = end.response
  else result.fault = end.fault
  if (rpc.correlationId !== undefined) result.correlationId = rpc.correlationId
  return result
}

/** The result event of an RPC the store ended, built from its record (expired, failed with its group, or finished and published again). */
export function resultOfStored(rpc: QueuedRpc, outcome: RpcResultV1['outcome'], at: Date, fault?: CwmpFault): RpcResultV1 {
  const result: RpcResultV1 = {
    eventId: randomUUID(),
    rpcId: rpc.id,
    deviceId: rpc.deviceId,
    service: rpc.service,
    method: rpc.request.method,
    outcome,
    completedAt: at.toISOString(),
  }
  if (fault) result.fault = fault
  if (rpc.correlationId !== undefined) result.correlationId = rpc.correlationId
  return result
}

/** The result event of a finished RPC as the store holds it (for publishing it again); null for a cancelled one. */
export function resultOfRecord(rpc: QueuedRpc): RpcResultV1 | null {
  if (rpc.status !== 'done' && rpc.status !== 'faulted' && rpc.status !== 'expired') return null
  const result = resultOfStored(rpc, rpc.status, rpc.completedAt ?? rpc.updatedAt, rpc.fault)
  if (rpc.status === 'done' && rpc.response !== undefined) result.response = rpc.response
  if (rpc.sessionId !== undefined && rpc.status !== 'expired') result.sessionId = rpc.sessionId
  return result
}

/**
 * Publishes a result to the service that queued the RPC. The store already holds the outcome
 * (written first: it is the source of truth) with its result marked pending; once published the
 * mark is cleared (ResultMarks), else ResultRepublisher publishes it again later. The idempotency
 * key makes a repeated publish of the same RPC's result a duplicate.
 */
export async function publishResult(ctx: GatewayContext, result: RpcResultV1, again = false): Promise<void> {
  try {
    await ctx.bus.publish(rpcResultV1, rpcResultV1.subject(result.service, deviceToken(result.deviceId)), result, {
      idempotencyKey: `rpc-result-${result.rpcId}-${result.outcome}`,
    })
    ctx.resultMarks.add(result.rpcId)
  } catch (err) {
    ctx.logger.error({ err, rpcId: result.rpcId, deviceId: result.deviceId }, 'could not publish an RPC result; it is published again later')
  }
  if (!again) ctx.instruments.rpcs.add(1, { 'cwmp.method': result.method, outcome: result.outcome })
}

/** Publishes again the result of a finished RPC from its record (a cancelled one has none: its mark is only cleared). */
export async function republishResult(ctx: GatewayContext, rpc: QueuedRpc): Promise<void> {
  const result = resultOfRecord(rpc)
  if (result) await publishResult(ctx, result, true)
  else ctx.resultMarks.add(rpc.id)
}
