import type { EnqueueRpc, QueuedRpc } from './rpc-queue.js'

/** The stored form of a freshly queued RPC, the same on every backend (optional fields only when given). */
export function newQueuedRpc(id: string, input: EnqueueRpc, now: Date): QueuedRpc {
  const rpc: QueuedRpc = {
    id,
    deviceId: input.deviceId,
    service: input.service,
    request: input.request,
    status: 'queued',
    awaited: input.awaited ?? false,
    createdAt: now,
    updatedAt: now,
    attempts: 0,
  }
  if (input.group !== undefined) rpc.group = input.group
  if (input.correlationId !== undefined) rpc.correlationId = input.correlationId
  if (input.idempotencyKey !== undefined) rpc.idempotencyKey = input.idempotencyKey
  if (input.expiresAt !== undefined) rpc.expiresAt = input.expiresAt
  return rpc
}
