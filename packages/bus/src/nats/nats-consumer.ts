import { setTimeout as sleep } from 'node:timers/promises'
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiError,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream'
import { nanos } from '@nats-io/transport-node'
import type { Static, TSchema } from '@sinclair/typebox'
import type { EventContract } from '@acs/contracts'
import type { ConsumeOptions, Delivery, Stopper } from '../bus.js'
import { parsePayload } from '../codec.js'
import { resolveConsumeOptions, type ResolvedConsumeOptions } from '../consume-options.js'
import { processDelivery, type DeliveryContext, type RawDelivery } from '../delivery.js'
import { InFlight } from '../in-flight.js'
import type { BusLogger } from '../logger.js'
import type { BusMetrics } from '../metrics.js'
import { fromNatsHeaders } from './headers.js'
import type { JetStreamAssets } from './jetstream-assets.js'
import type { Namespace } from './namespace.js'

/** Connections and helpers a NATS consumer needs. */
export interface NatsConsumerDeps {
  js: JetStreamClient
  jsm: JetStreamManager
  ns: Namespace
  logger: BusLogger
  metrics: BusMetrics
  /** Told when the pull fails: a lost stream is created again sooner. */
  assets: Pick<JetStreamAssets, 'suspect'>
}

const FILTER_NOT_UNIQUE_ON_WORK_QUEUE = 10100
/** Pause before the pull loop starts again; doubles while it keeps failing, up to the maximum. */
const FIRST_RETRY_MS = 1_000
const MAX_RETRY_MS = 8_000

async function ensureConsumer(deps: NatsConsumerDeps, stream: string, name: string, o: ResolvedConsumeOptions): Promise<void> {
  try {
    await deps.jsm.consumers.add(stream, {
      durable_name: name,
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(o.ackWaitMs),
      max_deliver: o.maxDeliver,
      filter_subject: deps.ns.subject(o.filter),
      deliver_policy: o.newOnly ? DeliverPolicy.New : DeliverPolicy.All,
    })
  } catch (err) {
    if (err instanceof JetStreamApiError && err.code === FILTER_NOT_UNIQUE_ON_WORK_QUEUE) {
      throw new Error(`work-queue stream ${stream} already has a consumer whose filter overlaps ${o.filter}`, { cause: err })
    }
    throw err
  }
}

function toRaw(m: JsMsg, ns: Namespace): RawDelivery {
  return {
    subject: ns.strip(m.subject),
    parsed: parsePayload(m.data),
    headers: fromNatsHeaders(m.headers),
    deliveryCount: m.info.deliveryCount,
    ack: () => m.ack(),
    nak: (delayMs) => m.nak(delayMs),
    // nats-server 2.9 does not know the "+TERM <reason>" form; the reason is logged by the caller.
    term: () => m.term(),
    working: () => m.working(),
  }
}

/**
 * Starts a durable pull consumer: creates (or updates) the consumer, then pulls at most
 * `concurrency` messages at a time and processes them with processDelivery. If the pull loop
 * fails or ends (consumer or stream deleted, server restarted) it re-creates the consumer, once
 * the stream exists again (JetStreamAssets), and resumes.
 */
export async function startNatsConsumer<S extends TSchema>(
  deps: NatsConsumerDeps,
  contract: EventContract<S>,
  options: ConsumeOptions,
  handler: (delivery: Delivery<Static<S>>) => Promise<void>,
): Promise<Stopper> {
  const o = resolveConsumeOptions(contract, options)
  const stream = deps.ns.name(contract.stream)
  const name = deps.ns.name(o.durable)
  await ensureConsumer(deps, stream, name, o)
  const ctx: DeliveryContext<S> = {
    contract,
    durable: o.durable,
    maxDeliver: o.maxDeliver,
    handler,
    logger: deps.logger,
    metrics: deps.metrics,
  }
  const inFlight = new InFlight(o.concurrency)
  const stop = new AbortController()
  let messages: ConsumerMessages | undefined

  let retryMs = FIRST_RETRY_MS
  let failures = 0
  const pullOnce = async (): Promise<void> => {
    const consumer = await deps.js.consumers.get(stream, name)
    // Aborting when the stream or consumer is gone hands the repair to the loop below: the client
    // alone would keep pulling from a consumer nobody creates again (NATS restarted without storage).
    messages = await consumer.consume({ max_messages: o.concurrency, abort_on_missing_resource: true })
    if (stop.signal.aborted) await messages.close()
    retryMs = FIRST_RETRY_MS
    failures = 0
    for await (const m of messages) {
      await inFlight.slot()
      if (stop.signal.aborted) {
        m.nak()
        continue
      }
      inFlight.run(() => processDelivery(toRaw(m, deps.ns), ctx))
    }
  }

  const loop = (async () => {
    while (!stop.signal.aborted) {
      // The first failure of a streak is a warning, then one about a minute (the server or stream still gone).
      let level: 'warn' | 'debug' = 'debug'
      try {
        await pullOnce()
      } catch (err) {
        if (stop.signal.aborted) break
        deps.assets.suspect()
        failures++
        if (failures % 8 === 1) level = 'warn'
        deps.logger[level]({ stream, durable: o.durable, err: String(err), failures }, 'bus: consumer loop failed; restarting')
      }
      if (stop.signal.aborted) break
      await sleep(retryMs, undefined, { signal: stop.signal }).catch(() => {})
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS)
      if (stop.signal.aborted) break
      await ensureConsumer(deps, stream, name, o).catch((err: unknown) =>
        deps.logger[level]({ stream, durable: o.durable, err: String(err) }, 'bus: cannot re-create consumer yet'),
      )
    }
  })()

  let stopping: Promise<void> | undefined
  return () =>
    (stopping ??= (async () => {
      stop.abort()
      await messages?.close()
      await loop
      await inFlight.drain()
    })())
}
