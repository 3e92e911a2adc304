import type { Static, TSchema } from '@sinclair/typebox'
import type { Decoded } from '../define.js'

/** Thrown by expectValid: lists every schema error, so the failing test says what is wrong. */
export class ContractAssertionError extends Error {
  constructor(
    contractName: string,
    readonly errors: string[],
  ) {
    super(`payload is not a valid ${contractName}:\n${errors.map((e) => `  - ${e}`).join('\n')}`)
    this.name = 'ContractAssertionError'
  }
}

/** Asserts that `payload` matches the contract's schema and returns it typed. */
export function expectValid<S extends TSchema>(
  contract: { name: string; decode(data: unknown): Decoded<Static<S>> },
  payload: unknown,
): Static<S> {
  const decoded = contract.decode(payload)
  if (!decoded.ok) throw new ContractAssertionError(contract.name, decoded.errors)
  return decoded.value
}

/** Asserts that `payload` is a valid reply of a request contract and returns it typed. */
export function expectValidReply<R extends TSchema>(
  contract: { name: string; decodeReply(data: unknown): Decoded<Static<R>> },
  payload: unknown,
): Static<R> {
  const decoded = contract.decodeReply(payload)
  if (!decoded.ok) throw new ContractAssertionError(`${contract.name} reply`, decoded.errors)
  return decoded.value
}
