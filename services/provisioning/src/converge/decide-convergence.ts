/** Whether an inform calls for convergence: the check that makes a converged device cost no RPC. */
import type { Drift } from './diff.js'

/** What provisioning recorded about the configuration on the device. */
export interface AppliedRecord {
  /** Digest of the desired state last known to be on the device (written, or read and found equal). */
  digest?: string
  /** The ParameterKey the device held when `digest` was recorded. */
  parameterKey?: string
}

/** The last convergence that failed. */
export interface FailureRecord {
  digest: string
  failures: number
  retryAfter: Date
}

/** The inputs of the decision. */
export interface ConvergenceQuestion {
  bootstrap: boolean
  /** Undefined while templates or filters wait for values to be read. */
  digest: string | undefined
  /** ManagementServer.ParameterKey from the inform (a forced inform parameter). */
  reportedKey: string | undefined
  applied: AppliedRecord
  drift: readonly Drift[]
  failure?: FailureRecord
  now: Date
}

/** Why convergence runs or not (shown in the API and logs). */
export type ConvergenceReason =
  | 'bootstrap'
  | 'unresolved'
  | 'configuration-changed'
  | 'drift'
  | 'backing-off'
  | 'in-desired-state'

/** The decision. */
export interface ConvergenceDecision {
  converge: boolean
  reason: ConvergenceReason
}

/** True when the device is known to hold `digest`: it reports it as its ParameterKey, or it was verified and nothing touched the key since. */
export function holdsDigest(digest: string, reportedKey: string | undefined, applied: AppliedRecord): boolean {
  if (reportedKey !== undefined && reportedKey === digest) return true
  return applied.digest === digest && (reportedKey === undefined || reportedKey === applied.parameterKey)
}

/** The digest a failure is recorded under; an unresolved state (reads pending) has its own. */
export function failureKey(digest: string | undefined): string {
  return digest ?? 'unresolved'
}

/** Decides; a failed convergence of the same digest waits for its retry time (except on bootstrap). */
export function decideConvergence(q: ConvergenceQuestion): ConvergenceDecision {
  if (q.bootstrap) return { converge: true, reason: 'bootstrap' }
  const backingOff = q.failure !== undefined && q.failure.digest === failureKey(q.digest) && q.now < q.failure.retryAfter
  if (q.digest === undefined) return backingOff ? { converge: false, reason: 'backing-off' } : { converge: true, reason: 'unresolved' }
  const holds = holdsDigest(q.digest, q.reportedKey, q.applied)
  if (holds && q.drift.length === 0) return { converge: false, reason: 'in-desired-state' }
  if (backingOff) return { converge: false, reason: 'backing-off' }
  return holds ? { converge: true, reason: 'drift' } : { converge: true, reason: 'configuration-changed' }
}

/** Seconds to wait before the n-th retry (n >= 1): base * 2^(n-1), capped. */
export function retryDelaySeconds(failures: number, baseSeconds: number, maxSeconds: number): number {
  return Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, Math.min(failures - 1, 30)))
}
