/** Creating, cancelling and sweeping tasks: every step one atomic write, each safe to repeat. */
import { randomUUID } from 'node:crypto'
import type { CpeRequest } from '@acs/cwmp'
import { connectionRequestCommandV1, deviceToken } from '@acs/contracts'
import { newRpcId } from '@acs/store'
import type { ProvisioningContext } from '../service/context.js'
import { SERVICE } from '../service/context.js'
import type { Task } from './task.js'
import { cancelTask, claimRetry, expireWaiting, markQueued, newTask, taskRpcKey } from './task-lifecycle.js'
import type { RetryPolicy } from './task-request.schema.js'

/** What creates a task. */
export interface CreateTask {
  deviceId: string
  request: CpeRequest
  retry?: RetryPolicy
  expiresAt?: Date
  connectionRequest: boolean
  createdBy: string
  bulkId?: string
}

/** Why a task could not be cancelled. */
export type CancelOutcome = 'cancelled' | 'not-found' | 'already-finished' | 'in-flight'

/** Puts the task's current attempt in the device queue (idempotent per attempt) and records the RPC id. */
export async function enqueueTask(ctx: ProvisioningContext, task: Task): Promise<Task> {
  const rpc = await ctx.store.rpcQueue.enqueue(
    {
      deviceId: task.deviceId,
      service: SERVICE,
      request: task.request,
      correlationId: task.id,
      idempotencyKey: taskRpcKey(task),
      ...(task.expiresAt ? { expiresAt: task.expiresAt } : {}),
    },
    ctx.now(),
  )
  const m = await ctx.repos.tasks.mutate(task.id, (cur) => (cur && cur.attempts === task.attempts ? markQueued(cur, rpc.id, ctx.now()) : null))
  return m.after ?? task
}

/** Asks the gateway to wake the device now (the queue stays the source of truth if this is lost). */
export async function requestConnection(ctx: ProvisioningContext, deviceId: string, reason: string): Promise<void> {
  await ctx.bus.publish(connectionRequestCommandV1, connectionRequestCommandV1.subject(deviceToken(deviceId)), {
    commandId: randomUUID(),
    deviceId,
    requestedBy: SERVICE,
    requestedAt: ctx.now().toISOString(),
    reason,
  })
}

/** Saves the task first (so a crash before queueing is repaired by the sweeper), then queues it. */
export async function createTask(ctx: ProvisioningContext, input: CreateTask): Promise<Task> {
  const now = ctx.now()
  const task = newTask(
    {
      id: newRpcId(now.getTime()),
      deviceId: input.deviceId,
      ...(input.bulkId ? { bulkId: input.bulkId } : {}),
      request: input.request,
      maxAttempts: input.retry?.maxAttempts ?? ctx.config.ACS_PROVISIONING_TASK_MAX_ATTEMPTS,
      backoffSeconds: input.retry?.backoffSeconds ?? ctx.config.ACS_PROVISIONING_TASK_RETRY_BACKOFF_S,
      ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
      connectionRequest: input.connectionRequest,
      createdBy: input.createdBy,
    },
    now,
  )
  await ctx.repos.tasks.insert(task)
  const queued = await enqueueTask(ctx, task)
  if (input.connectionRequest) await requestConnection(ctx, task.deviceId, `task ${task.id}`)
  return queued
}

/** Cancels a task whose RPC was not sent yet. */
export async function cancelTaskById(ctx: ProvisioningContext, id: string): Promise<{ outcome: CancelOutcome; task?: Task }> {
  const task = await ctx.repos.tasks.get(id)
  if (!task) return { outcome: 'not-found' }
  if (task.finishedAt) return { outcome: 'already-finished', task }
  if (task.status === 'queued' && task.rpcId) {
    const cancelled = await ctx.store.rpcQueue.cancel(task.rpcId, ctx.now())
    if (!cancelled) {
      const rpc = await ctx.store.rpcQueue.get(task.rpcId)
      if (rpc && rpc.status !== 'cancelled') return { outcome: 'in-flight', task }
    }
  }
  const m = await ctx.repos.tasks.mutate(id, (cur) => (cur ? cancelTask(cur, ctx.now()) : null))
  return m.changed && m.after ? { outcome: 'cancelled', task: m.after } : { outcome: 'already-finished', task: m.before ?? task }
}

/** One pass: expire waiting tasks, queue due retries, repair tasks never queued, delete past retention. */
export async function sweepTasks(ctx: ProvisioningContext): Promise<{ retried: number; expired: number; repaired: number; deleted: number }> {
  const now = ctx.now()
  const counts = { retried: 0, expired: 0, repaired: 0, deleted: 0 }
  const staleBefore = new Date(now.getTime() - 30_000)
  for (const task of await ctx.repos.tasks.needingAttention(now, staleBefore, 500)) {
    const expired = await ctx.repos.tasks.mutate(task.id, (cur) => (cur ? expireWaiting(cur, now) : null))
    if (expired.changed) {
      counts.expired++
      continue
    }
    if (task.status === 'queued' && !task.rpcId) {
      await enqueueTask(ctx, task)
      counts.repaired++
      continue
    }
    const claimed = await ctx.repos.tasks.mutate(task.id, (cur) => (cur ? claimRetry(cur, now) : null))
    if (claimed.changed && claimed.after) {
      await enqueueTask(ctx, claimed.after)
      if (claimed.after.connectionRequest) await requestConnection(ctx, task.deviceId, `retry of task ${task.id}`)
      counts.retried++
    }
  }
  const cutoff = new Date(now.getTime() - ctx.config.ACS_PROVISIONING_TASK_RETENTION_DAYS * 86_400_000)
  counts.deleted = await ctx.repos.tasks.deleteFinishedBefore(cutoff, 1000)
  return counts
}
