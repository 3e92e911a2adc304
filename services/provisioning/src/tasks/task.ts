/** An operator's ad-hoc RPC for one device and its lifecycle. */
import type { CwmpBody, CwmpFault } from '@acs/contracts'
import type { CpeRequest } from '@acs/cwmp'

/** Where a task stands; 'sent' is read live from the device queue. */
export type TaskStatus = 'queued' | 'sent' | 'done' | 'faulted' | 'expired' | 'cancelled'

/** The stored statuses ('sent' is derived). */
export type StoredTaskStatus = Exclude<TaskStatus, 'sent'>

/** One entry of a task's history. */
export interface TaskEvent {
  at: Date
  event: 'queued' | 'done' | 'faulted' | 'retry-scheduled' | 'retried' | 'expired' | 'cancelled'
  attempt: number
  rpcId?: string
  fault?: CwmpFault
}

/** A task as stored. */
export interface Task {
  id: string
  deviceId: string
  bulkId?: string
  request: CpeRequest
  status: StoredTaskStatus
  /** How many times it was queued so far. */
  attempts: number
  maxAttempts: number
  backoffSeconds: number
  /** The queued RPC of the current attempt; absent until it is queued. */
  rpcId?: string
  /** A faulted task with attempts left is queued again at this time. */
  nextAttemptAt?: Date
  expiresAt?: Date
  connectionRequest: boolean
  response?: CwmpBody
  fault?: CwmpFault
  history: TaskEvent[]
  createdBy: string
  createdAt: Date
  updatedAt: Date
  /** Set when the task reached a final state (kept for the retention period). */
  finishedAt?: Date
}

/** Statuses a task never leaves. */
export const FINAL_STATUSES: readonly StoredTaskStatus[] = ['done', 'expired', 'cancelled']

/** Whether the task is finished (a faulted task is finished once no retry is scheduled). */
export function isFinished(task: Task): boolean {
  return task.finishedAt !== undefined
}
