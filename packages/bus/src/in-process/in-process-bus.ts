import { SpanKind } from '@opentelemetry/api'
import type { Static, TSchema } from '@sinclair/typebox'
import { STREAMS, type EventContract } from '@acs/contracts'
import { NoRespondersError, RequestTimeoutError, type Bus, type ConsumeOptions, type Delivery, type Stopper } from '../bus.js'
import { abortable } from '../abortable.js'
import { resolveConsumeOptions } from '../consume-options.js'
import { processDelivery, type RawDelivery } from '../delivery.js'
import { GatherCollector } from '../gather-collector.js'
import { silentLogger, type BusLogger } from '../logger.js'
import { createBusMetrics } from '../metrics.js'
import { DUPLICATE_WINDOW_MS } from '../nats/streams.js'
import { answerRequest, readReply, type ReplyOutcome } from '../reply.js'
import { filtersOverlap, filterWithin } from '../subject-match.js'
import { injectTraceHeaders, inSpan, type TraceHeaders } from '../trace.js'
import { assertSendable } from '../validate.js'
import { clonePayload } from './clone-payload.js'
import { MemoryDurable } from './memory-durable.js'
import { MemoryKvBucket } from './memory-kv.js'
import { MemoryResponders } from './memory-responders.js'
import { MemoryStream } from './memory-stream.js'

/** Options of createInProcessBus. */
export interface InProcessBusOptions {
  logger?: BusLogger
  /** Clock for KV expiry, stream max age and the duplicate window (tests inject one). */
  now?: () => number
  /** Per stream, beyond this many messages the oldest that every durable finished are dropped (default 1 000). */
  maxMessagesPerStream?: number
}

/** The in-process bus, plus a test hook that plays a foreign producer. */
export interface InProcessBus extends Bus {
  /** Stores a message without validating it, as a buggy producer on a real wire could (tests only). */
  injectUnchecked(subject: string, payload: unknown): void
}

function spanAttributes(template: string, subject: string, operation: string) {
  return {
    'messaging.system': 'in-process',
    'messaging.operation.type': operation,
    'messaging.destination.name': subject,
    'messaging.destination.template': template,
  }
}

/**
 * The bus of the embedded default: same semantics as the NATS bus inside one process (payload
 * validation both ways, durable consumers shared by name, redelivery with backoff, work-queue
 * streams, idempotency-key dedupe, queue groups, gather, servingGroups, KV with TTL).
 *
 * Durability guarantee: messages live in memory from publish until every durable acknowledged them
 * (and, for late consumers, until the stream's max age or size limit), so a process restart loses
 * the messages not yet handled. Nothing of value is lost because every producer publishes only
 * after its own durable write (the RPC queue row, the device record...) and that store, not the
 * event, is the source of truth: what a lost event would have triggered is re-derived from the
 * store on the next inform or sweep, as a lost connection request only delays delivery.
 */
export function createInProcessBus(options: InProcessBusOptions = {}): InProcessBus {
  const now = options.now ?? Date.now
  const logger = options.logger ?? silentLogger
  const metrics = createBusMetrics()
  const streams = STREAMS.map(
    (s) =>
      new MemoryStream(
        {
          name: s.name,
          subjects: s.subjects,
          workQueue: s.workQueue,
          maxAgeMs: s.maxAgeMs,
          maxMessages: options.maxMessagesPerStream ?? 1_000,
          duplicateWindowMs: Math.min(DUPLICATE_WINDOW_MS, s.maxAgeMs),
        },
        now,
      ),
  )
  const durables = new Map<MemoryStream, Map<string, MemoryDurable>>(streams.map((s) => [s, new Map()]))
  const responders = new MemoryResponders()
  const buckets = new Map<string, MemoryKvBucket>()
  const stoppers = new Set<Stopper>()
  let closed = false
  let closing: Promise<void> | undefined

  const assertOpen = () => {
    if (closed) throw new Error('bus is closed')
  }
  // The catalog derives each stream's subjects from its contracts' filters, so a subject that
  // matched its contract's filter is captured by the contract's stream: found once per contract
  // instead of matching the subject against every stream's filters on every publish.
  const contractStreams = new Map<string, MemoryStream | null>()
  const streamOf = (contract: EventContract): MemoryStream | null => {
    let stream = contractStreams.get(contract.name)
    if (stream === undefined) {
      const filter = contract.filter()
      stream = streams.find((s) => s.config.name === contract.stream && s.config.subjects.includes(filter)) ?? null
      contractStreams.set(contract.name, stream)
    }
    return stream
  }
  const store = (subject: string, payload: unknown, headers: TraceHeaders, msgId: string | undefined, known: MemoryStream | null = null) => {
    assertOpen()
    const stream = known ?? streams.find((s) => s.captures(subject))
    if (!stream) throw new Error(`publish on ${subject} failed: no stream captures it`)
    if (stream.append(subject, JSON.stringify(payload), headers, msgId)) {
      for (const durable of durables.get(stream)?.values() ?? []) durable.pump()
    }
  }
  const track = (stop: Stopper): Stopper => {
    let stopping: Promise<void> | undefined
    const tracked: Stopper = () => {
      stoppers.delete(tracked)
      return (stopping ??= stop())
    }
    stoppers.add(tracked)
    return tracked
  }

  function durableFor(contract: EventContract, consumeOptions: ConsumeOptions) {
    const o = resolveConsumeOptions(contract, consumeOptions)
    const stream = streams.find((s) => s.config.name === contract.stream)
    if (!stream) throw new Error(`no stream ${contract.stream} in the catalog`)
    const byName = durables.get(stream) ?? new Map<string, MemoryDurable>()
    const settings = { filter: o.filter, ackWaitMs: o.ackWaitMs, maxDeliver: o.maxDeliver }
    let durable = byName.get(o.durable)
    if (durable) {
      if (durable.newOnly !== o.newOnly) throw new Error(`deliver policy of durable ${o.durable} can not be updated`)
      durable.update(settings)
    } else {
      if (stream.config.workQueue && [...byName.values()].some((d) => filtersOverlap(d.filter, o.filter))) {
        throw new Error(`work-queue stream ${stream.config.name} already has a consumer whose filter overlaps ${o.filter}`)
      }
      durable = new MemoryDurable(o.durable, stream, settings, o.newOnly, logger)
      byName.set(o.durable, durable)
    }
    return { durable, o }
  }

  return {
    async publish(contract, subject, payload, publishOptions) {
      assertSendable(contract, subject, payload)
      const msgId = publishOptions?.idempotencyKey ?? contract.idempotencyKey(payload)
      await inSpan(`publish ${contract.template}`, SpanKind.PRODUCER, spanAttributes(contract.template, subject, 'send'), undefined, async () =>
        store(subject, payload, injectTraceHeaders(), msgId, streamOf(contract)),
      )
    },

    async consume<S extends TSchema>(
      contract: EventContract<S>,
      consumeOptions: ConsumeOptions,
      handler: (delivery: Delivery<Static<S>>) => Promise<void>,
    ) {
      assertOpen()
      const { durable, o } = durableFor(contract, consumeOptions)
      const running = new Set<Promise<void>>()
      const ctx = { contract, durable: o.durable, maxDeliver: o.maxDeliver, handler, logger, metrics }
      const detach = durable.attach({
        capacity: o.concurrency,
        inFlight: 0,
        run: (raw: RawDelivery) => {
          const p = processDelivery(raw, ctx).finally(() => running.delete(p))
          running.add(p)
          return p
        },
      })
      return track(async () => {
        detach()
        await Promise.allSettled([...running])
      })
    },

    async request(contract, subject, payload, requestOptions) {
      assertSendable(contract, subject, payload)
      return inSpan(`request ${contract.template}`, SpanKind.CLIENT, spanAttributes(contract.template, subject, 'send'), undefined, async () => {
        assertOpen()
        const members = responders.route(subject)
        if (members.length === 0) throw new NoRespondersError(subject)
        const headers = injectTraceHeaders()
        const first = Promise.race(members.map((m) => m.answer(subject, clonePayload(payload), { ...headers })))
        let timer: NodeJS.Timeout | undefined
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new RequestTimeoutError(subject, requestOptions.timeoutMs)), requestOptions.timeoutMs)
        })
        let outcome: ReplyOutcome
        try {
          outcome = await abortable(Promise.race([first, timeout]), requestOptions.signal)
        } finally {
          clearTimeout(timer)
        }
        const reply = readReply(contract, subject, outcome)
        if (!reply.ok) throw reply.error
        return reply.value
      })
    },

    async gather(contract, subject, payload, gatherOptions) {
      assertSendable(contract, subject, payload)
      return inSpan(`gather ${contract.template}`, SpanKind.CLIENT, spanAttributes(contract.template, subject, 'send'), undefined, async () => {
        assertOpen()
        const members = responders.route(subject)
        // Unlike NATS, this process knows how many groups it asked, so it stops when all answered.
        const expected = Math.min(gatherOptions.expected ?? members.length, members.length)
        const collector = new GatherCollector(contract, subject, { ...gatherOptions, expected }, logger, () => {})
        const headers = injectTraceHeaders()
        for (const m of members) {
          m.answer(subject, clonePayload(payload), { ...headers }).then(
            (outcome) => collector.accept(outcome),
            (err: unknown) => collector.accept({ ok: false, status: 500, detail: String(err) }),
          )
        }
        return collector.done
      })
    },

    async serve(contract, serveOptions, handler) {
      assertOpen()
      const filter = serveOptions.filter ?? contract.filter()
      if (!filterWithin(filter, contract.filter())) throw new Error(`filter ${filter} reaches beyond ${contract.name} (${contract.filter()})`)
      const running = new Set<Promise<ReplyOutcome>>()
      const remove = responders.add({
        contractName: contract.name,
        filter,
        queue: serveOptions.queue,
        answer: (subject, payload, headers) => {
          const p = new Promise<void>((resolve) => setImmediate(resolve))
            .then(() => answerRequest(contract, subject, serveOptions.queue, { ok: true, data: payload }, headers, handler, logger))
            .then((outcome): ReplyOutcome => (outcome.ok ? { ok: true, value: clonePayload(outcome.value) } : outcome))
            .finally(() => running.delete(p))
          running.add(p)
          return p
        },
      })
      return track(async () => {
        remove()
        await Promise.allSettled([...running])
      })
    },

    async servingGroups(contract) {
      return responders.groups(contract.name)
    },

    async kv(bucket, kvOptions) {
      if (!/^[-\w]+$/.test(bucket)) throw new Error(`invalid KV bucket name ${JSON.stringify(bucket)}: use [A-Za-z0-9_-]`)
      let b = buckets.get(bucket)
      if (b) b.ttlMs = kvOptions.ttlMs
      else buckets.set(bucket, (b = new MemoryKvBucket(kvOptions.ttlMs, now)))
      return b
    },

    async ping() {
      if (closing) throw new Error('the in-process bus is closed')
    },

    close() {
      return (closing ??= (async () => {
        await Promise.allSettled([...stoppers].map((stop) => stop()))
        closed = true
        for (const byName of durables.values()) for (const d of byName.values()) d.close()
      })())
    },

    injectUnchecked(subject, payload) {
      store(subject, payload, {}, undefined)
    },
  }
}
