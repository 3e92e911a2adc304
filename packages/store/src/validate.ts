import { StoreInputError } from './errors.js'
import type { DeviceCredentialRecord, InformRecord } from './device-registry.js'
import type { EnqueueRpc, RpcCompletion } from './rpc-queue.js'

const MAX_KEY_LENGTH = 512

function fail(message: string): never {
  throw new StoreInputError(message)
}

/** Throws unless `value` is a non-empty string of at most 512 characters. */
export function assertKey(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_KEY_LENGTH) {
    fail(`${name} must be a non-empty string of at most ${MAX_KEY_LENGTH} characters`)
  }
}

/** Throws unless `value` is a Date holding a real instant. */
export function assertDate(value: unknown, name: string): asserts value is Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) fail(`${name} must be a valid Date`)
}

function assertOptional(value: unknown, name: string, check: (v: unknown, n: string) => void): void {
  if (value !== undefined) check(value, name)
}

function assertBody(value: unknown, name: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${name} must be an object`)
  const method = (value as { method?: unknown }).method
  if (typeof method !== 'string' || method.length === 0) fail(`${name}.method must be a non-empty string`)
}

/** Checks an enqueue request from another service before anything is written. */
export function assertEnqueueRpc(input: EnqueueRpc): void {
  assertKey(input.deviceId, 'deviceId')
  assertKey(input.service, 'service')
  assertBody(input.request, 'request')
  assertOptional(input.group, 'group', assertKey)
  assertOptional(input.correlationId, 'correlationId', (v, n) => {
    if (typeof v !== 'string') fail(`${n} must be a string`)
  })
  assertOptional(input.idempotencyKey, 'idempotencyKey', assertKey)
  assertOptional(input.awaited, 'awaited', (v, n) => {
    if (typeof v !== 'boolean') fail(`${n} must be a boolean`)
  })
  assertOptional(input.expiresAt, 'expiresAt', assertDate)
}

/** Checks the outcome handed to `complete`. */
export function assertCompletion(completion: RpcCompletion): void {
  if (completion.status === 'done') return assertBody(completion.response, 'response')
  if (completion.status === 'faulted') {
    const fault: unknown = completion.fault
    if (typeof fault !== 'object' || fault === null) fail('fault must be an object')
    const { faultCode, faultString } = fault as { faultCode?: unknown; faultString?: unknown }
    if (!Number.isInteger(faultCode) || typeof faultString !== 'string') fail('fault needs an integer faultCode and a faultString')
    return
  }
  fail(`completion status must be 'done' or 'faulted'`)
}

/** Checks a device record written on Inform. */
export function assertDeviceRecord(record: InformRecord): void {
  assertKey(record.deviceId, 'deviceId')
  assertDate(record.lastInformAt, 'lastInformAt')
}

/** Checks a credentials record. */
export function assertCredentials(record: DeviceCredentialRecord): void {
  assertKey(record.deviceId, 'deviceId')
  assertDate(record.updatedAt, 'updatedAt')
  for (const name of ['cpe', 'connectionRequest'] as const) {
    const pair: unknown = record[name]
    if (pair === undefined) continue
    const { username, password } = (pair ?? {}) as { username?: unknown; password?: unknown }
    if (typeof username !== 'string' || typeof password !== 'string') fail(`${name} needs a string username and password`)
  }
}

/** A batch size as the store uses it: a whole number, at least 1. */
export function batchSize(limit: number): number {
  return Math.max(1, Math.floor(limit))
}

/** A copy of `value` without the properties that are undefined (absent fields stay absent when stored). */
export function withoutUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[k]
    if (v !== undefined) out[k] = v
  }
  return out as T
}
