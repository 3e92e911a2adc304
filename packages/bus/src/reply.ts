import { SpanKind } from '@opentelemetry/api'
import type { Static, TSchema } from '@sinclair/typebox'
import type { RequestContract } from '@acs/contracts'
import { RemoteError } from './bus.js'
import type { Parsed } from './codec.js'
import type { BusLogger } from './logger.js'
import { extractTraceContext, inSpan, type TraceHeaders } from './trace.js'

/** What a responder sends back: a reply, or an error status (400 bad request, 500 handler failure). */
export type ReplyOutcome = { ok: true; value: unknown } | { ok: false; status: number; detail: string }

/** Status of a reply to a request the responder could not decode. */
export const STATUS_BAD_REQUEST = 400
/** Status of a reply whose handler threw or produced a reply that breaks the contract. */
export const STATUS_HANDLER_FAILED = 500

/**
 * The responder side of a request: decodes it, runs the handler in a SERVER span inside the
 * requester's trace context and validates the result. Never throws: failures become error statuses,
 * so the requester gets an answer at once instead of waiting for its timeout.
 */
export async function answerRequest<Q extends TSchema, R extends TSchema>(
  contract: RequestContract<Q, R>,
  subject: string,
  queue: string,
  parsed: Parsed,
  headers: TraceHeaders,
  handler: (payload: Static<Q>, subject: string) => Promise<Static<R>>,
  logger: BusLogger,
): Promise<ReplyOutcome> {
  const base = { contract: contract.name, subject, queue }
  const decoded = parsed.ok ? contract.decode(parsed.data) : { ok: false as const, errors: [parsed.error] }
  if (!decoded.ok) {
    logger.warn({ ...base, errors: decoded.errors }, 'bus: invalid request rejected')
    return { ok: false, status: STATUS_BAD_REQUEST, detail: `invalid request: ${decoded.errors.join('; ')}` }
  }
  const attributes = {
    'messaging.system': 'nats',
    'messaging.operation.type': 'process',
    'messaging.destination.name': subject,
    'messaging.destination.template': contract.template,
    'messaging.consumer.group.name': queue,
  }
  try {
    const result = await inSpan(`process ${contract.template}`, SpanKind.SERVER, attributes, extractTraceContext(headers), () =>
      handler(decoded.value, subject),
    )
    const check = contract.decodeReply(result)
    if (!check.ok) {
      logger.error({ ...base, errors: check.errors }, 'bus: request handler returned a reply that breaks its contract')
      return { ok: false, status: STATUS_HANDLER_FAILED, detail: `invalid reply: ${check.errors.join('; ')}` }
    }
    return { ok: true, value: result }
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err)
    logger.error({ ...base, err: detail }, 'bus: request handler failed')
    return { ok: false, status: STATUS_HANDLER_FAILED, detail }
  }
}

/** The requester side: a decoded reply, or the error request() throws (gather() logs and drops it). */
export function readReply<R extends TSchema>(
  contract: RequestContract<TSchema, R>,
  subject: string,
  outcome: ReplyOutcome,
): { ok: true; value: Static<R> } | { ok: false; error: Error } {
  if (!outcome.ok) return { ok: false, error: new RemoteError(subject, outcome.status, outcome.detail) }
  const decoded = contract.decodeReply(outcome.value)
  if (decoded.ok) return { ok: true, value: decoded.value }
  return { ok: false, error: new Error(`invalid reply to ${contract.name} on ${subject}: ${decoded.errors.join('; ')}`) }
}
