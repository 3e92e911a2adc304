import type { ReplyOutcome } from '../reply.js'
import { subjectMatches } from '../subject-match.js'
import type { TraceHeaders } from '../trace.js'

/** One serve() registration. */
export interface MemoryResponder {
  contractName: string
  filter: string
  queue: string
  answer(subject: string, payload: unknown, headers: TraceHeaders): Promise<ReplyOutcome>
}

/** In-process queue groups: each request reaches one member of every group whose filter matches. */
export class MemoryResponders {
  private readonly responders: MemoryResponder[] = []
  private readonly turns = new Map<string, number>()

  /** Adds a member; returns the function that removes it. */
  add(responder: MemoryResponder): () => void {
    this.responders.push(responder)
    return () => {
      const i = this.responders.indexOf(responder)
      if (i >= 0) this.responders.splice(i, 1)
    }
  }

  /** One member per queue group listening on `subject`, taking turns within a group. */
  route(subject: string): MemoryResponder[] {
    const groups = new Map<string, MemoryResponder[]>()
    for (const r of this.responders) {
      if (!subjectMatches(r.filter, subject)) continue
      const members = groups.get(r.queue) ?? []
      members.push(r)
      groups.set(r.queue, members)
    }
    const chosen: MemoryResponder[] = []
    for (const [queue, members] of groups) {
      const turn = this.turns.get(queue) ?? 0
      this.turns.set(queue, turn + 1)
      const member = members[turn % members.length]
      if (member) chosen.push(member)
    }
    return chosen
  }

  /** Distinct queue groups serving a contract. */
  groups(contractName: string): number {
    return new Set(this.responders.filter((r) => r.contractName === contractName).map((r) => r.queue)).size
  }
}
