import type { Decoded } from '../define.js'

type DecodedBy<F> = F extends (data: unknown) => Decoded<infer T> ? T : never

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
export function expectValid<C extends { name: string; decode(data: unknown): Decoded<unknown> }>(
  contract: C,
  payload: unknown,
): DecodedBy<C['decode']> {
  const decoded = contract.decode(payload)
  if (!decoded.ok) throw new ContractAssertionError(contract.name, decoded.errors)
  return decoded.value as DecodedBy<C['decode']>
}

/** Asserts that `payload` is a valid reply of a request contract and returns it typed. */
export function expectValidReply<C extends { name: string; decodeReply(data: unknown): Decoded<unknown> }>(
  contract: C,
  payload: unknown,
): DecodedBy<C['decodeReply']> {
  const decoded = contract.decodeReply(payload)
  if (!decoded.ok) throw new ContractAssertionError(`${contract.name} reply`, decoded.errors)
  return decoded.value as DecodedBy<C['decodeReply']>
}
