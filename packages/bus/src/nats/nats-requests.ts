import { SpanKind } from '@opentelemetry/api'
import {
  createInbox,
  Empty,
  NoRespondersError as NatsNoRespondersError,
  RequestError,
  TimeoutError,
  type Msg,
  type NatsConnection,
} from '@nats-io/transport-node'
import type { Static, TSchema } from '@sinclair/typebox'
import type { RequestContract } from '@acs/contracts'
import { NoRespondersError, RequestTimeoutError, type GatherOptions, type RequestOptions, type ServeOptions, type Stopper } from '../bus.js'
import { abortable } from '../abortable.js'
import { encodePayload, parsePayload } from '../codec.js'
import { GatherCollector } from '../gather-collector.js'
import { InFlight } from '../in-flight.js'
import type { BusLogger } from '../logger.js'
import { answerRequest, readReply, type ReplyOutcome } from '../reply.js'
import { filterWithin } from '../subject-match.js'
import { extractTraceContext, injectTraceHeaders, inSpan } from '../trace.js'
import { assertSendable } from '../validate.js'
import { fromNatsHeaders, toNatsHeaders } from './headers.js'
import type { Namespace } from './namespace.js'
import type { ResponderRegistry } from './responder-registry.js'

/** Connection and helpers for core NATS request/reply. */
export interface NatsRequestDeps {
  nc: NatsConnection
  ns: Namespace
  logger: BusLogger
  registry: ResponderRegistry
}

const NO_RESPONDERS = 503

function spanAttributes(contract: RequestContract, subject: string) {
  return {
    'messaging.system': 'nats',
    'messaging.operation.type': 'send',
    'messaging.destination.name': subject,
    'messaging.destination.template': contract.template,
  }
}

function outcomeOf(m: Msg): ReplyOutcome {
  if (m.headers?.hasError) return { ok: false, status: m.headers.code, detail: m.headers.description }
  const parsed = parsePayload(m.data)
  return parsed.ok ? { ok: true, value: parsed.data } : { ok: false, status: 502, detail: `reply ${parsed.error}` }
}

function isNoResponders(m: Msg): boolean {
  return m.data.length === 0 && m.headers?.code === NO_RESPONDERS
}

/** One request, one reply (the first group to answer wins), as core NATS request/reply. */
export async function natsRequest<Q extends TSchema, R extends TSchema>(
  deps: NatsRequestDeps,
  contract: RequestContract<Q, R>,
  subject: string,
  payload: Static<Q>,
  options: RequestOptions,
): Promise<Static<R>> {
  assertSendable(contract, subject, payload)
  return inSpan(`request ${contract.template}`, SpanKind.CLIENT, spanAttributes(contract, subject), undefined, async () => {
    let reply: Msg
    try {
      const sent = deps.nc.request(deps.ns.subject(subject), encodePayload(payload), {
        timeout: options.timeoutMs,
        headers: toNatsHeaders(injectTraceHeaders()),
      })
      reply = await abortable(sent, options.signal)
    } catch (err) {
      if (err instanceof TimeoutError || (err instanceof RequestError && err.cause instanceof TimeoutError)) {
        throw new RequestTimeoutError(subject, options.timeoutMs)
      }
      if (err instanceof NatsNoRespondersError || (err instanceof RequestError && err.isNoResponders())) {
        throw new NoRespondersError(subject)
      }
      throw err
    }
    const result = readReply(contract, subject, outcomeOf(reply))
    if (!result.ok) throw result.error
    return result.value
  })
}

/** Scatter-gather: publishes with a reply inbox and collects replies (see GatherCollector). */
export async function natsGather<Q extends TSchema, R extends TSchema>(
  deps: NatsRequestDeps,
  contract: RequestContract<Q, R>,
  subject: string,
  payload: Static<Q>,
  options: GatherOptions,
): Promise<Static<R>[]> {
  assertSendable(contract, subject, payload)
  return inSpan(`gather ${contract.template}`, SpanKind.CLIENT, spanAttributes(contract, subject), undefined, async (span) => {
    const inbox = createInbox()
    const sub = deps.nc.subscribe(inbox, {
      callback: (err, m) => {
        if (err) return collector.finish()
        if (isNoResponders(m)) return collector.finish()
        collector.accept(outcomeOf(m))
      },
    })
    const collector = new GatherCollector(contract, subject, options, deps.logger, () => sub.unsubscribe())
    deps.nc.publish(deps.ns.subject(subject), encodePayload(payload), {
      reply: inbox,
      headers: toNatsHeaders(injectTraceHeaders()),
    })
    const replies = await collector.done
    span.setAttribute('acs.bus.gather.replies', replies.length)
    return replies
  })
}

/**
 * Answers requests as one member of a queue group and registers the group for servingGroups().
 * A request that does not decode gets a 400 status reply, a failing handler a 500 (NATS status
 * headers), so the requester fails fast with RemoteError instead of waiting for its timeout.
 */
export async function natsServe<Q extends TSchema, R extends TSchema>(
  deps: NatsRequestDeps,
  contract: RequestContract<Q, R>,
  options: ServeOptions,
  handler: (payload: Static<Q>, subject: string) => Promise<Static<R>>,
): Promise<Stopper> {
  const filter = options.filter ?? contract.filter()
  if (!filterWithin(filter, contract.filter())) throw new Error(`filter ${filter} reaches beyond ${contract.name} (${contract.filter()})`)
  if (!/^[A-Za-z0-9_.-]+$/.test(options.queue)) throw new Error(`invalid queue group ${JSON.stringify(options.queue)}`)
  const inFlight = new InFlight(Number.POSITIVE_INFINITY)
  const sub = deps.nc.subscribe(deps.ns.subject(filter), {
    queue: options.queue,
    callback: (err, m) => {
      if (err) {
        deps.logger.error({ contract: contract.name, err: String(err) }, 'bus: serve subscription failed')
        return
      }
      inFlight.run(async () => {
        const subject = deps.ns.strip(m.subject)
        const incoming = fromNatsHeaders(m.headers)
        const outcome = await answerRequest(contract, subject, options.queue, parsePayload(m.data), incoming, handler, deps.logger)
        if (!m.reply) return
        const trace = injectTraceHeaders(extractTraceContext(incoming))
        if (outcome.ok) m.respond(encodePayload(outcome.value), { headers: toNatsHeaders(trace) })
        else {
          const description = outcome.detail.replace(/[\r\n]+/g, ' ').slice(0, 512) || 'failed'
          m.respond(Empty, { headers: toNatsHeaders(trace, { code: outcome.status, description }) })
        }
      })
    },
  })
  const unregister = await deps.registry.register(contract.name, options.queue)
  let stopping: Promise<void> | undefined
  return () =>
    (stopping ??= (async () => {
      await unregister()
      await sub.drain()
      await inFlight.drain()
    })())
}
