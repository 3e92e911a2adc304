import type { Static, TSchema } from '@sinclair/typebox'
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler'

/** The result of checking an untrusted payload against a contract's schema. */
export type Decoded<T> = { ok: true; value: T } | { ok: false; errors: string[] }

const TOKEN_SAFE = /^[A-Za-z0-9_-]*$/

/** Escapes a device id (which may hold '.', spaces, '*', '>') into one NATS subject token. */
export function deviceToken(deviceId: string): string {
  // Most ids (OUI-ProductClass-Serial) need no escaping: one test instead of a loop per byte.
  if (TOKEN_SAFE.test(deviceId)) return deviceId
  // Keep [A-Za-z0-9_-]; everything else becomes ~XX per UTF-8 byte, so the mapping is reversible.
  let out = ''
  for (const byte of Buffer.from(deviceId, 'utf8')) {
    const c = String.fromCharCode(byte)
    out += /[A-Za-z0-9_-]/.test(c) ? c : `~${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/** Inverse of deviceToken; throws on a string deviceToken cannot have produced. */
export function deviceIdFromToken(token: string): string {
  if (!/^(?:[A-Za-z0-9_-]|~[0-9A-F]{2})*$/.test(token)) throw new Error(`not a device token: ${JSON.stringify(token)}`)
  const bytes: number[] = []
  for (let i = 0; i < token.length; i++) {
    if (token[i] === '~') {
      bytes.push(parseInt(token.slice(i + 1, i + 3), 16))
      i += 2
    } else bytes.push(token.charCodeAt(i))
  }
  return Buffer.from(bytes).toString('utf8')
}

function compile<S extends TSchema>(schema: S): (data: unknown) => Decoded<Static<S>> {
  let check: TypeCheck<S> | undefined
  return (data) => {
    check ??= TypeCompiler.Compile(schema)
    if (check.Check(data)) return { ok: true, value: data }
    return { ok: false, errors: [...check.Errors(data)].slice(0, 10).map((e) => `${e.path || '/'}: ${e.message}`) }
  }
}

interface ContractBase<S extends TSchema> {
  /** Stable name, also the schema $id, e.g. 'cwmp.v1.inform'. */
  readonly name: string
  /** Low-cardinality subject shape for span names and metrics, e.g. 'cwmp.v1.inform.{device}'. */
  readonly template: string
  readonly schema: S
  /** Validates untrusted data (a received message); never throws. */
  decode(data: unknown): Decoded<Static<S>>
}

/**
 * A durable event or command: published to a JetStream stream, consumed at least once.
 * `subject(...tokens)` builds the concrete subject; `filter(...)` the consumer filter
 * (missing trailing tokens become wildcards).
 */
export interface EventContract<S extends TSchema = TSchema, P extends string[] = string[]> extends ContractBase<S> {
  readonly kind: 'event'
  readonly stream: string
  subject(...tokens: P): string
  filter(...tokens: Partial<P>): string
  /** The idempotency key of a payload (JetStream Nats-Msg-Id). */
  idempotencyKey(payload: Static<S>): string
}

/** An in-session request answered by one replica of each responding service (core NATS request/reply). */
export interface RequestContract<Q extends TSchema = TSchema, R extends TSchema = TSchema, P extends string[] = string[]>
  extends ContractBase<Q> {
  readonly kind: 'request'
  readonly reply: R
  decodeReply(data: unknown): Decoded<Static<R>>
  subject(...tokens: P): string
  filter(...tokens: Partial<P>): string
}

export type EventPayload<C> = C extends EventContract<infer S> ? Static<S> : never
export type RequestPayload<C> = C extends RequestContract<infer Q, TSchema> ? Static<Q> : never
export type ReplyPayload<C> = C extends RequestContract<TSchema, infer R> ? Static<R> : never

/** What a subject token may not contain: NATS separators and wildcards, and whitespace. */
const INVALID_TOKEN = /[.\s*>]/

function subjectBuilders<P extends string[]>(prefix: string, params: readonly string[]) {
  const subject = (...tokens: P): string => {
    if (tokens.length !== params.length) throw new Error(`${prefix} takes ${params.length} subject tokens`)
    let built = prefix
    for (const t of tokens) {
      if (!t || INVALID_TOKEN.test(t)) throw new Error(`invalid subject token ${JSON.stringify(t)}; use deviceToken()`)
      built += `.${t}`
    }
    return built
  }
  // The all-wildcards filter is asked for on every publish (the sender's subject check): built once.
  const everything = [prefix, ...params.map(() => '*')].join('.')
  const filter = (...tokens: Partial<P>): string => {
    if (tokens.length === 0) return everything
    const parts = params.map((_, i) => tokens[i] ?? '*')
    return [prefix, ...parts].join('.')
  }
  const template = [prefix, ...params.map((p) => `{${p}}`)].join('.')
  return { subject, filter, template }
}

/** Defines a durable event: `prefix.<param1>.<param2>...` on a JetStream stream. */
export function defineEvent<S extends TSchema, const Params extends readonly string[]>(def: {
  name: string
  stream: string
  params: Params
  schema: S
  idempotencyKey: (payload: Static<S>) => string
}): EventContract<S, { [K in keyof Params]: string } & string[]> {
  type P = { [K in keyof Params]: string } & string[]
  const b = subjectBuilders<P>(def.name, def.params)
  return {
    kind: 'event',
    name: def.name,
    stream: def.stream,
    template: b.template,
    schema: def.schema,
    subject: b.subject,
    filter: b.filter,
    decode: compile(def.schema),
    idempotencyKey: def.idempotencyKey,
  }
}

/** Defines an in-session request/reply: `prefix.<param1>...`. */
export function defineRequest<Q extends TSchema, R extends TSchema, const Params extends readonly string[]>(def: {
  name: string
  params: Params
  schema: Q
  reply: R
}): RequestContract<Q, R, { [K in keyof Params]: string } & string[]> {
  type P = { [K in keyof Params]: string } & string[]
  const b = subjectBuilders<P>(def.name, def.params)
  return {
    kind: 'request',
    name: def.name,
    template: b.template,
    schema: def.schema,
    reply: def.reply,
    subject: b.subject,
    filter: b.filter,
    decode: compile(def.schema),
    decodeReply: compile(def.reply),
  }
}
