import { SpanKind } from '@opentelemetry/api'
import type { Static, TSchema } from '@sinclair/typebox'
import type { EventContract } from '@acs/contracts'
import { PermanentError, type Delivery } from './bus.js'
import { backoffMs } from './backoff.js'
import type { Parsed } from './codec.js'
import type { BusLogger } from './logger.js'
import type { BusMetrics } from './metrics.js'
import { extractTraceContext, inSpan, type TraceHeaders } from './trace.js'

/** One message as a transport hands it over, before decoding; the transport settles it. */
export interface RawDelivery {
  /** Logical subject (namespace already stripped). */
  subject: string
  parsed: Parsed
  headers: TraceHeaders
  deliveryCount: number
  ack(): void
  nak(delayMs: number): void
  term(reason: string): void
  working(): void
}

/** What the consumer loop needs to process deliveries of one durable. */
export interface DeliveryContext<S extends TSchema> {
  contract: EventContract<S>
  durable: string
  maxDeliver: number
  handler: (delivery: Delivery<Static<S>>) => Promise<void>
  logger: BusLogger
  metrics: BusMetrics
}

function isPermanent(err: unknown): boolean {
  return err instanceof PermanentError || (err instanceof Error && (err as { code?: unknown }).code === 'ACS_ERR_BUS_PERMANENT')
}

/**
 * Decodes a delivery, runs the handler inside the sender's trace context and settles the message:
 * invalid → term (never reaches the handler); ok → ack; PermanentError or last attempt → term;
 * other errors → nak with a delay growing with the delivery count. Never throws.
 */
export async function processDelivery<S extends TSchema>(raw: RawDelivery, ctx: DeliveryContext<S>): Promise<void> {
  const { contract, durable, logger, metrics } = ctx
  const decoded = raw.parsed.ok ? contract.decode(raw.parsed.data) : { ok: false as const, errors: [raw.parsed.error] }
  const base = { contract: contract.name, subject: raw.subject, durable, deliveryCount: raw.deliveryCount }
  if (!decoded.ok) {
    raw.term('invalid payload')
    metrics.terminated.add(1, { reason: 'invalid', 'messaging.destination.template': contract.template })
    logger.warn({ ...base, errors: decoded.errors }, 'bus: invalid message terminated')
    return
  }
  const attributes = {
    'messaging.system': 'nats',
    'messaging.operation.type': 'process',
    'messaging.destination.name': raw.subject,
    'messaging.destination.template': contract.template,
    'messaging.consumer.group.name': durable,
    'messaging.message.delivery_count': raw.deliveryCount,
  }
  const delivery: Delivery<Static<S>> = {
    subject: raw.subject,
    payload: decoded.value,
    deliveryCount: raw.deliveryCount,
    working: () => raw.working(),
  }
  try {
    await inSpan(`process ${contract.template}`, SpanKind.CONSUMER, attributes, extractTraceContext(raw.headers), () =>
      ctx.handler(delivery),
    )
    raw.ack()
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err)
    if (isPermanent(err)) {
      raw.term('permanent error')
      metrics.terminated.add(1, { reason: 'permanent', 'messaging.destination.template': contract.template })
      logger.warn({ ...base, err: error }, 'bus: handler failed permanently; message terminated')
    } else if (raw.deliveryCount >= ctx.maxDeliver) {
      raw.term('max deliveries')
      metrics.terminated.add(1, { reason: 'max-deliver', 'messaging.destination.template': contract.template })
      logger.error({ ...base, err: error }, 'bus: handler failed on the last allowed delivery; message terminated')
    } else {
      const delayMs = backoffMs(raw.deliveryCount)
      raw.nak(delayMs)
      metrics.redelivered.add(1, { 'messaging.destination.template': contract.template })
      logger.warn({ ...base, err: error, delayMs }, 'bus: handler failed; message will be redelivered')
    }
  }
}
