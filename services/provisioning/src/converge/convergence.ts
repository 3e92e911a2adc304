/**
 * The convergence of one device in one session, as two pure steps: at the inform (decide, then
 * read or write) and after the read (write only what differs). The service, the dry run and
 * the tests all go through these.
 */
import type { DeviceFacts } from '../profiles/device-facts.js'
import { factsWithValues } from '../profiles/device-facts.js'
import type { Profile } from '../profiles/profile.schema.js'
import { computeDesired, type ProfileMatch } from '../desired/compute-desired.js'
import { attributesDigest, configurationDigest, type DesiredState } from '../desired/desired-state.js'
import type { ManagementInput } from '../desired/management-layers.js'
import type { RenderModel } from '../desired/render-profile.js'
import { decideConvergence, type AppliedRecord, type ConvergenceDecision, type FailureRecord } from './decide-convergence.js'
import { diffState, informDrift, type Changes, type Drift, type Reported } from './diff.js'
import { planRead, planWrites, type PlannedRpc } from './plan-rpcs.js'
import { allKnown, readSet } from './read-set.js'

/** Everything provisioning keeps about a device that convergence uses. */
export interface DeviceKnowledge {
  facts: DeviceFacts
  variables: ReadonlyMap<string, string>
  secrets: ReadonlyMap<string, string>
  /** Values learned from earlier informs and reads (template inputs such as the MAC address). */
  knownValues: ReadonlyMap<string, string>
  applied: AppliedRecord & { attributesDigest?: string; writeOnly: ReadonlyMap<string, string> }
  failure?: FailureRecord
}

/** The configuration-independent inputs. */
export interface ConvergenceContext {
  profiles: readonly Profile[]
  management?: Omit<ManagementInput, 'root'>
  model: RenderModel
}

/** What the write step decided. */
export interface WritePlan {
  digest: string
  attributesDigest: string
  changes: Changes
  /** Empty when the device already holds the desired state. */
  rpcs: PlannedRpc[]
}

/** What the inform step decided. */
export interface InformPlan {
  decision: ConvergenceDecision
  state: DesiredState
  matches: ProfileMatch[]
  digest: string | undefined
  drift: Drift[]
  next: { kind: 'none' } | { kind: 'read'; rpc: PlannedRpc; names: string[] } | ({ kind: 'write' } & WritePlan)
}

function merged(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map(a)
  for (const [k, v] of b) out.set(k, v)
  return out
}

function writePlan(state: DesiredState, reported: ReadonlyMap<string, Reported>, knowledge: DeviceKnowledge, bootstrap: boolean): WritePlan {
  const digest = configurationDigest(state, { ignoreUnresolved: true })!
  const attrDigest = attributesDigest(state.attributes)
  const changes = diffState(state, reported, knowledge.applied, bootstrap)
  const attributes = bootstrap || knowledge.applied.attributesDigest !== attrDigest ? state.attributes : null
  return { digest, attributesDigest: attrDigest, changes, rpcs: planWrites(changes, digest, attributes) }
}

/** At the inform: does the device need anything, and if so, read first or write at once? */
export function planAtInform(
  ctx: ConvergenceContext,
  knowledge: DeviceKnowledge,
  inform: { values: ReadonlyMap<string, string>; bootstrap: boolean; reportedKey: string | undefined; now: Date },
): InformPlan {
  const values = merged(knowledge.knownValues, inform.values)
  const facts = factsWithValues(knowledge.facts, inform.values)
  const { state, matches } = computeDesired({ ...knowledge, facts, values, profiles: ctx.profiles, management: ctx.management, model: ctx.model, includeUnknown: true })
  const digest = configurationDigest(state)
  const drift = informDrift(state, inform.values)
  const decision = decideConvergence({ bootstrap: inform.bootstrap, digest, reportedKey: inform.reportedKey, applied: knowledge.applied, drift, failure: knowledge.failure, now: inform.now })
  const base = { decision, state, matches, digest, drift }
  if (!decision.converge) return { ...base, next: { kind: 'none' } }
  const names = readSet(state)
  if (state.unresolved.length === 0 && allKnown(names, inform.values)) {
    const reported = new Map([...inform.values].map(([k, v]) => [k, { value: v }]))
    return { ...base, next: { kind: 'write', ...writePlan(state, reported, { ...knowledge, facts }, inform.bootstrap) } }
  }
  return { ...base, next: { kind: 'read', rpc: planRead(names), names } }
}

/** After the read: the exact desired state (facts now known), the writes that differ, and the template inputs worth keeping. */
export function planAfterRead(
  ctx: ConvergenceContext,
  knowledge: DeviceKnowledge,
  read: { values: ReadonlyMap<string, Reported>; bootstrap: boolean },
): WritePlan & { state: DesiredState; matches: ProfileMatch[]; facts: DeviceFacts; learned: Map<string, string> } {
  const readValues = new Map([...read.values].map(([k, v]) => [k, v.value]))
  const facts = factsWithValues(knowledge.facts, readValues)
  const values = merged(knowledge.knownValues, readValues)
  const { state, matches } = computeDesired({ ...knowledge, facts, values, profiles: ctx.profiles, management: ctx.management, model: ctx.model, includeUnknown: false })
  const learned = new Map(state.dependencies.flatMap((d) => (readValues.has(d) ? [[d, readValues.get(d)!] as const] : [])))
  return { ...writePlan(state, read.values, { ...knowledge, facts }, read.bootstrap), state, matches, facts, learned }
}
