/** Provisioning's own view of a device, built from informs, reads and the API. */
import type { CwmpFault } from '@acs/contracts'
import type { Drift } from '../converge/diff.js'
import type { AddInstance, SetValue } from '../converge/diff.js'
import type { ConvergenceReason } from '../converge/decide-convergence.js'
import type { DesiredAttribute, RenderProblem } from '../desired/desired-state.js'
import type { CredentialPair } from '../desired/management-layers.js'
import type { DeviceFacts } from '../profiles/device-facts.js'

/** A name/value pair (parameter names hold dots, so they are never used as document keys). */
export interface NamedValue {
  name: string
  value: string
}

/** A convergence in progress in one session. */
export interface ConvergeInProgress {
  sessionId: string
  bootstrap: boolean
  reason: ConvergenceReason
  stage: 'reading' | 'adding' | 'writing'
  startedAt: Date
  /** Set once the read is done and objects must be added first: what to write after the adds. */
  pending?: {
    digest: string
    attributesDigest: string
    /** The SetParameterAttributes to send after the write, or null when they are already applied. */
    attributes: DesiredAttribute[] | null
    sets: SetValue[]
    adds: AddInstance[]
    instances: { identity: string; instance: number }[]
  }
}

/** The last convergence that faulted. */
export interface ConvergeFailure {
  digest: string
  failures: number
  retryAfter: Date
  at: Date
  sessionId?: string
  method: string
  fault: CwmpFault
}

/** One device as provisioning sees it: the facts profiles filter on, and its provisioning state. */
export interface ProvisioningDevice extends Omit<DeviceFacts, 'tags'> {
  tags: string[]
  variables: NamedValue[]
  secrets: NamedValue[]
  credentials: { connectionRequest?: CredentialPair; cpe?: CredentialPair }
  /** Values worth keeping between sessions: template inputs (MAC...) and facts. */
  knownValues: NamedValue[]
  /** ManagementServer.ParameterKey in the last inform. */
  reportedParameterKey?: string
  applied: {
    digest?: string
    parameterKey?: string
    attributesDigest?: string
    writeOnly: NamedValue[]
    at?: Date
  }
  converging?: ConvergeInProgress
  failure?: ConvergeFailure
  lastDecision?: { reason: ConvergenceReason; at: Date; sessionId: string; digest?: string }
  matchedProfiles: string[]
  drift: Drift[]
  problems: RenderProblem[]
  firstSeenAt: Date
  lastInformAt: Date
  lastBootstrapAt?: Date
  lastSessionId?: string
}

/** Name/value list to map. */
export function toMap(list: readonly NamedValue[] | undefined): Map<string, string> {
  return new Map((list ?? []).map((v) => [v.name, v.value]))
}

/** Map to name/value list, sorted by name. */
export function fromMap(map: ReadonlyMap<string, string>): NamedValue[] {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, value]) => ({ name, value }))
}
