import { randomUUID } from 'node:crypto'
import { Kind, type Static, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import type { Decoded } from '../define.js'
import { Timestamp, Uuid } from '../v1/common.schema.js'

/** Anything with a schema and a decoder: an EventContract, or a RequestContract's request side. */
export interface SchemaContract<S extends TSchema = TSchema> {
  readonly name: string
  readonly schema: S
  decode(data: unknown): Decoded<Static<S>>
}

/** Realistic values for well-known property names (used when the schema allows them). */
const NAMED: Record<string, string> = {
  deviceId: '00D09E-HomeGateway-SN00000001',
  manufacturer: 'ExampleCorp',
  oui: '00D09E',
  productClass: 'HomeGateway',
  serialNumber: 'SN00000001',
  cwmpVersion: 'cwmp-1-2',
  namespace: 'urn:dslforum-org:cwmp-1-2',
  remoteAddress: '192.0.2.10',
  currentTime: '2024-01-01T00:00:00Z',
}

function stringExample(schema: TSchema, path: string, name: string | undefined): string {
  const pattern = schema.pattern as string | undefined
  const format = schema.format as string | undefined
  if (pattern === Uuid.pattern || format === 'uuid') return randomUUID()
  if (pattern === Timestamp.pattern || format === 'date-time') return new Date().toISOString()
  if (pattern !== undefined) throw new Error(`fixtureFor: no example for pattern ${pattern} at ${path || '/'}; give one in overrides`)
  const min = (schema.minLength as number | undefined) ?? 0
  const max = (schema.maxLength as number | undefined) ?? Number.POSITIVE_INFINITY
  // Unique per fixture: a session's id is the idempotency key of its session-closed event.
  if (name === 'sessionId') return `session-${randomUUID()}`.padEnd(min, 'x').slice(0, max)
  const base = (name && NAMED[name]) ?? `example-${name ?? 'value'}`
  return base.padEnd(min, 'x').slice(0, max)
}

function numberExample(schema: TSchema): number {
  if (typeof schema.minimum === 'number') return schema.minimum
  if (typeof schema.exclusiveMinimum === 'number') return schema.exclusiveMinimum + 1
  if (typeof schema.maximum === 'number' && schema.maximum < 0) return schema.maximum
  return 0
}

/** A valid example of `schema`: required properties only, first union member, minimal arrays. */
export function exampleOf(schema: TSchema, path = '', name?: string): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default as unknown)
  if (schema.const !== undefined) return schema.const as unknown
  switch (schema[Kind]) {
    case 'Object': {
      const out: Record<string, unknown> = {}
      const required = new Set((schema.required as string[] | undefined) ?? [])
      for (const [key, prop] of Object.entries(schema.properties as Record<string, TSchema>)) {
        if (required.has(key)) out[key] = exampleOf(prop, `${path}/${key}`, key)
      }
      return out
    }
    case 'Intersect':
      return Object.assign({}, ...(schema.allOf as TSchema[]).map((s) => exampleOf(s, path, name)))
    case 'Union':
      return exampleOf((schema.anyOf as TSchema[])[0] as TSchema, path, name)
    case 'Array': {
      const count = (schema.minItems as number | undefined) ?? 0
      return Array.from({ length: count }, (_, i) => exampleOf(schema.items as TSchema, `${path}/${i}`, name))
    }
    case 'String':
      return stringExample(schema, path, name)
    case 'Integer':
    case 'Number':
      return numberExample(schema)
    case 'Boolean':
      return false
    default:
      return Value.Create(schema)
  }
}

/**
 * A valid payload for the contract, built from its schema (fresh uuids, the current time, realistic
 * ids), with `overrides` merged on top. Throws if the result does not decode: for an invalid
 * payload use invalidFixtureFor, or spread a fixture and break it by hand.
 */
export function fixtureFor<S extends TSchema>(contract: SchemaContract<S>, overrides: Partial<Static<S>> = {}): Static<S> {
  const base = exampleOf(contract.schema) as Static<S>
  const merged = Object.assign(base as object, overrides) as Static<S>
  const decoded = contract.decode(merged)
  if (!decoded.ok) throw new Error(`fixtureFor(${contract.name}) built an invalid payload: ${decoded.errors.join('; ')}`)
  return merged
}

/** A valid reply for a request contract. */
export function replyFixtureFor<R extends TSchema>(
  contract: { name: string; reply: R; decodeReply(data: unknown): Decoded<Static<R>> },
  overrides: Partial<Static<R>> = {},
): Static<R> {
  return fixtureFor({ name: `${contract.name} (reply)`, schema: contract.reply, decode: (d) => contract.decodeReply(d) }, overrides)
}

/**
 * A payload the contract rejects: a valid fixture without its first required property. For
 * consumer tests: it must be terminated, never handed to the handler or retried.
 */
export function invalidFixtureFor(contract: SchemaContract): Record<string, unknown> {
  const payload = fixtureFor(contract) as Record<string, unknown>
  const required = Object.keys(payload)[0]
  if (required !== undefined) delete payload[required]
  const decoded = contract.decode(payload)
  if (decoded.ok) throw new Error(`invalidFixtureFor(${contract.name}): the schema accepts a payload without ${required}`)
  return payload
}
