import type { GetParameterValues } from '@acs/cwmp'
import { planAtInform, planAfterRead, type ConvergenceContext, type DeviceKnowledge, type WritePlan } from '../../src/converge/convergence.js'
import { planAfterAdds } from '../../src/converge/plan-rpcs.js'
import { valueDigest } from '../../src/desired/desired-state.js'
import type { FakeDevice } from './fake-device.js'

/** Plays one session the way the service does it (hook, awaited read, awaited adds), against a fake device. */
export function runSession(ctx: ConvergenceContext, knowledge: DeviceKnowledge, device: FakeDevice, bootstrap: boolean) {
  const before = device.sent.length
  const informValues = device.informValues()
  const reportedKey = device.parameterKey
  const atInform = planAtInform(ctx, knowledge, { values: informValues, bootstrap, reportedKey, now: new Date('2024-06-01T00:00:00Z') })
  let write: WritePlan | undefined
  let next = knowledge
  if (atInform.next.kind === 'read') {
    device.apply(atInform.next.rpc.request)
    const afterRead = planAfterRead(ctx, knowledge, { values: device.read((atInform.next.rpc.request as GetParameterValues).parameterNames), bootstrap })
    write = afterRead
    next = { ...next, facts: afterRead.facts, knownValues: new Map([...knowledge.knownValues, ...afterRead.learned]) }
  } else if (atInform.next.kind === 'write') write = atInform.next
  if (write) {
    const instances = new Map<string, number>()
    let rpcs = write.rpcs
    for (const rpc of rpcs) {
      const n = device.apply(rpc.request)
      if (rpc.role === 'add' && n !== undefined) instances.set(rpc.step.slice(4), n)
    }
    if (write.changes.adds.length > 0) {
      const after = planAfterAdds(write.changes, instances, write.digest, bootstrap || knowledge.applied.attributesDigest !== write.attributesDigest ? [] : null)
      for (const rpc of after) device.apply(rpc.request)
      rpcs = [...rpcs, ...after]
    }
    const writeOnly = new Map(knowledge.applied.writeOnly)
    for (const s of write.changes.sets) if (s.writeOnly) writeOnly.set(s.name, valueDigest(s.name, s.value))
    const wroteKey = rpcs.some((r) => r.final)
    next = {
      ...next,
      applied: { digest: write.digest, parameterKey: wroteKey ? write.digest : reportedKey, attributesDigest: write.attributesDigest, writeOnly },
    }
  }
  return { knowledge: next, sent: device.sent.slice(before), decision: atInform.decision }
}
