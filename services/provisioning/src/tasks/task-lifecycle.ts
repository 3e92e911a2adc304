/** The task state machine as pure functions: each returns the next task, or null when nothing changes. */
import type { CwmpBody, CwmpFault } from '@acs/contracts'
import type { CpeRequest } from '@acs/cwmp'
import type { Task } from './task.js'

const MAX_BACKOFF_S = 24 * 3600

/** What an operator asks for when creating a task. */
export interface NewTask {
  id: string
  deviceId: string
  bulkId?: string
  request: CpeRequest
  maxAttempts: number
  backoffSeconds: number
  expiresAt?: Date
  connectionRequest: boolean
  createdBy: string
}

/** A fresh task, queued but not yet in the device queue (rpcId comes with markQueued). */
export function newTask(input: NewTask, now: Date): Task {
  return { ...input, status: 'queued', attempts: 1, history: [], createdAt: now, updatedAt: now }
}

/** Records the RPC that carries the current attempt. */
export function markQueued(task: Task, rpcId: string, now: Date): Task | null {
  if (task.status !== 'queued' || task.rpcId !== undefined) return null
  return { ...task, rpcId, updatedAt: now, history: [...task.history, { at: now, event: 'queued', attempt: task.attempts, rpcId }] }
}

/** The outcome of the task's RPC, as the gateway published it. */
export interface RpcOutcome {
  rpcId: string
  outcome: 'done' | 'faulted' | 'expired' | 'cancelled'
  response?: CwmpBody
  fault?: CwmpFault
}

/** Seconds before retry n (n >= 1) of a task with this backoff. */
export function taskRetryDelaySeconds(backoffSeconds: number, attempt: number): number {
  return Math.min(MAX_BACKOFF_S, backoffSeconds * 2 ** Math.min(Math.max(attempt - 1, 0), 20))
}

/**
 * Applies the RPC's outcome. A result for another attempt's RPC (a stale redelivery) changes
 * nothing. A fault with attempts left schedules a retry after the backoff; never at once.
 */
export function applyOutcome(task: Task, result: RpcOutcome, now: Date): Task | null {
  if (task.status !== 'queued' || task.rpcId !== result.rpcId) return null
  const attempt = task.attempts
  switch (result.outcome) {
    case 'done':
      return { ...task, status: 'done', response: result.response, fault: undefined, updatedAt: now, finishedAt: now, history: [...task.history, { at: now, event: 'done', attempt, rpcId: result.rpcId }] }
    case 'faulted': {
      const fault = result.fault ?? { faultCode: 0, faultString: 'faulted without details' }
      const history = [...task.history, { at: now, event: 'faulted' as const, attempt, rpcId: result.rpcId, fault }]
      const retryAt = new Date(now.getTime() + taskRetryDelaySeconds(task.backoffSeconds, attempt) * 1000)
      const canRetry = attempt < task.maxAttempts && (task.expiresAt === undefined || retryAt < task.expiresAt)
      if (!canRetry) return { ...task, status: 'faulted', fault, updatedAt: now, finishedAt: now, history }
      return { ...task, status: 'faulted', fault, nextAttemptAt: retryAt, updatedAt: now, history: [...history, { at: now, event: 'retry-scheduled', attempt: attempt + 1 }] }
    }
    case 'expired':
    case 'cancelled':
      return { ...task, status: result.outcome, updatedAt: now, finishedAt: now, history: [...task.history, { at: now, event: result.outcome, attempt, rpcId: result.rpcId }] }
  }
}

/** Takes a due retry: the task is queued again (its RPC is enqueued next, keyed by the attempt). */
export function claimRetry(task: Task, now: Date): Task | null {
  if (task.status !== 'faulted' || task.finishedAt !== undefined || task.nextAttemptAt === undefined || task.nextAttemptAt > now) return null
  if (task.expiresAt !== undefined && task.expiresAt <= now) return null
  const attempts = task.attempts + 1
  return { ...task, status: 'queued', attempts, rpcId: undefined, nextAttemptAt: undefined, updatedAt: now, history: [...task.history, { at: now, event: 'retried', attempt: attempts }] }
}

/** Expires a task that waits (for a retry, or to be queued) past its expiry. */
export function expireWaiting(task: Task, now: Date): Task | null {
  if (task.finishedAt !== undefined || task.expiresAt === undefined || task.expiresAt > now) return null
  const waiting = task.status === 'faulted' || (task.status === 'queued' && task.rpcId === undefined)
  if (!waiting) return null
  return { ...task, status: 'expired', nextAttemptAt: undefined, updatedAt: now, finishedAt: now, history: [...task.history, { at: now, event: 'expired', attempt: task.attempts }] }
}

/** Cancels a task not yet delivered (the caller has cancelled its queued RPC, if any). */
export function cancelTask(task: Task, now: Date): Task | null {
  if (task.finishedAt !== undefined) return null
  return { ...task, status: 'cancelled', nextAttemptAt: undefined, updatedAt: now, finishedAt: now, history: [...task.history, { at: now, event: 'cancelled', attempt: task.attempts, ...(task.rpcId ? { rpcId: task.rpcId } : {}) }] }
}

/** The idempotency key of an attempt's RPC: a retried enqueue of the same attempt never queues twice. */
export function taskRpcKey(task: Pick<Task, 'id' | 'attempts'>): string {
  return `task:${task.id}:${task.attempts}`
}
