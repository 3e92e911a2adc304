import type { EventContract, RequestContract } from '@acs/contracts'
import { ContractViolationError } from './bus.js'
import { subjectMatches } from './subject-match.js'

/**
 * Checks what this process is about to send: the subject must belong to the contract and the
 * payload must match its schema. A failure is a bug in the caller, so it throws.
 */
export function assertSendable(contract: EventContract | RequestContract, subject: string, payload: unknown): void {
  if (!subjectMatches(contract.filter(), subject)) {
    throw new ContractViolationError(contract.name, [`subject ${JSON.stringify(subject)} does not match ${contract.filter()}`])
  }
  const decoded = contract.decode(payload)
  if (!decoded.ok) throw new ContractViolationError(contract.name, decoded.errors)
}
