import { trace } from '@opentelemetry/api'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  ContractViolationError,
  NoRespondersError,
  PermanentError,
  RemoteError,
  RequestTimeoutError,
  type Bus,
  type Stopper,
} from '@acs/bus'
import {
  awaitedResultV1,
  connectionRequestCommandV1,
  informHookV1,
  informV1,
  sessionClosedV1,
  type InformHookV1,
} from '@acs/contracts'
import { fixtureFor, invalidFixtureFor, replyFixtureFor } from '@acs/contracts/testing'
import { deferred, uniqueToken, until, type LogLine } from './helpers.js'
import { startTestTracing } from './tracing.js'

/** What the shared suite needs from one bus implementation. */
export interface BusHarness {
  bus: Bus
  /** Another process of the same deployment (NATS: a second connection; in-process: the same bus). */
  peer(): Promise<Bus>
  /** Stores a payload on `subject` without validation, as a foreign producer could. */
  injectRaw(subject: string, payload: unknown): Promise<void>
  /** Every line the buses of this harness logged. */
  logs: LogLine[]
  /** TTL for the expiry test's bucket. */
  kvTtlMs: number
  /** Lets `ms` pass for KV expiry (in-process: advances the injected clock; NATS: nothing). */
  passTime(ms: number): void
  close(): Promise<void>
}

const hook = (device: string): InformHookV1 => fixtureFor(informHookV1, { deviceId: device })

/** The behaviour every Bus implementation must have; `open` builds a fresh harness per file. */
export function busSuite(name: string, open: () => Promise<BusHarness>): void {
  describe(name, () => {
    let h: BusHarness
    let bus: Bus
    const cleanup: Stopper[] = []
    const keep = (stop: Stopper): Stopper => (cleanup.push(stop), stop)
    const tracing = startTestTracing()

    beforeAll(async () => {
      h = await open()
      bus = h.bus
    })
    afterEach(async () => {
      await Promise.all(cleanup.splice(0).map((stop) => stop()))
    })
    afterAll(async () => {
      await h?.close()
      await tracing.shutdown()
    })

    describe('publish and consume', () => {
      it('delivers a published event with its payload and logical subject', async () => {
        const device = uniqueToken()
        const got = deferred<{ subject: string; payload: unknown; deliveryCount: number }>()
        keep(await bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device) }, async (d) => got.resolve(d)))
        const payload = fixtureFor(informV1, { deviceId: device })
        await bus.publish(informV1, informV1.subject(device), payload)
        const d = await got.promise
        expect(d.subject).toBe(informV1.subject(device))
        expect(d.payload).toEqual(payload)
        expect(d.deliveryCount).toBe(1)
      })

      it('rejects a payload that breaks the contract on publish', async () => {
        const bad = { ...fixtureFor(informV1), eventId: 'not-a-uuid' }
        await expect(bus.publish(informV1, informV1.subject(uniqueToken()), bad)).rejects.toBeInstanceOf(ContractViolationError)
      })

      it('refuses a consumer filter that reaches beyond its contract', async () => {
        await expect(bus.consume(informV1, { durable: uniqueToken('d'), filter: 'cwmp.v1.>' }, async () => {})).rejects.toThrow(/reaches beyond/)
      })

      it('rejects a subject that belongs to another contract', async () => {
        const payload = fixtureFor(informV1)
        await expect(bus.publish(informV1, sessionClosedV1.subject(uniqueToken()), payload)).rejects.toThrow(/does not match/)
      })

      it('terminates a message that breaks the contract and never hands it to the handler', async () => {
        const device = uniqueToken()
        const seen: unknown[] = []
        const sentinel = deferred()
        const valid = fixtureFor(informV1, { deviceId: device })
        keep(
          await bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device), concurrency: 1 }, async (d) => {
            seen.push(d.payload)
            sentinel.resolve()
          }),
        )
        await h.injectRaw(informV1.subject(device), invalidFixtureFor(informV1))
        await bus.publish(informV1, informV1.subject(device), valid)
        await sentinel.promise
        expect(seen).toEqual([valid])
        const warnings = h.logs.filter((l) => l.message.includes('invalid message terminated') && l.fields.subject === informV1.subject(device))
        expect(warnings).toHaveLength(1)
      })

      it('redelivers a message whose handler failed, counting the deliveries', async () => {
        const device = uniqueToken()
        const counts: number[] = []
        const done = deferred()
        keep(
          await bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device) }, async (d) => {
            counts.push(d.deliveryCount)
            if (d.deliveryCount < 2) throw new Error('transient')
            done.resolve()
          }),
        )
        await bus.publish(informV1, informV1.subject(device), fixtureFor(informV1, { deviceId: device }))
        await done.promise
        expect(counts).toEqual([1, 2])
      })

      it('terminates a message whose handler throws PermanentError instead of retrying it', async () => {
        const device = uniqueToken()
        const failed = deferred()
        keep(
          await bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device) }, async () => {
            failed.resolve()
            throw new PermanentError('cannot ever work')
          }),
        )
        await bus.publish(informV1, informV1.subject(device), fixtureFor(informV1, { deviceId: device }))
        await failed.promise
        await until(() => h.logs.some((l) => l.fields.subject === informV1.subject(device) && l.message.includes('failed permanently')))
        expect(h.logs.filter((l) => l.fields.subject === informV1.subject(device) && l.message.includes('redelivered'))).toEqual([])
      })

      it('gives a message up after maxDeliver failed deliveries', async () => {
        const device = uniqueToken()
        const counts: number[] = []
        keep(
          await bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device), maxDeliver: 2 }, async (d) => {
            counts.push(d.deliveryCount)
            throw new Error('always failing')
          }),
        )
        await bus.publish(informV1, informV1.subject(device), fixtureFor(informV1, { deviceId: device }))
        await until(() => h.logs.some((l) => l.fields.subject === informV1.subject(device) && l.message.includes('last allowed delivery')))
        expect(counts).toEqual([1, 2])
      })

      it('shares one durable between two consumers: each message to one of them, all messages to the pair', async () => {
        const device = uniqueToken()
        const durable = uniqueToken('shared')
        const peer = await h.peer()
        const byConsumer: [string[], string[]] = [[], []]
        const bothBusy = deferred()
        const handler = (i: 0 | 1) => async (d: { payload: { eventId: string } }) => {
          byConsumer[i].push(d.payload.eventId)
          if (byConsumer[0].length > 0 && byConsumer[1].length > 0) bothBusy.resolve()
          await bothBusy.promise
        }
        const filter = informV1.filter(device)
        keep(await bus.consume(informV1, { durable, filter, concurrency: 1 }, handler(0)))
        keep(await peer.consume(informV1, { durable, filter, concurrency: 1 }, handler(1)))
        const sent = Array.from({ length: 10 }, () => fixtureFor(informV1, { deviceId: device }))
        for (const p of sent) await bus.publish(informV1, informV1.subject(device), p)
        await until(() => byConsumer[0].length + byConsumer[1].length >= sent.length)
        const [a, b] = byConsumer
        expect(a.length).toBeGreaterThan(0)
        expect(b.length).toBeGreaterThan(0)
        expect(a.filter((id) => b.includes(id))).toEqual([])
        expect([...a, ...b].sort()).toEqual(sent.map((p) => p.eventId).sort())
      })

      it('gives every message to each of two durables', async () => {
        const device = uniqueToken()
        const filter = informV1.filter(device)
        const a: string[] = []
        const b: string[] = []
        keep(await bus.consume(informV1, { durable: uniqueToken('a'), filter }, async (d) => void a.push(d.payload.eventId)))
        keep(await bus.consume(informV1, { durable: uniqueToken('b'), filter }, async (d) => void b.push(d.payload.eventId)))
        const sent = Array.from({ length: 3 }, () => fixtureFor(informV1, { deviceId: device }))
        for (const p of sent) await bus.publish(informV1, informV1.subject(device), p)
        await until(() => a.length === 3 && b.length === 3)
        expect(a.sort()).toEqual(sent.map((p) => p.eventId).sort())
        expect(b.sort()).toEqual(a)
      })

      it('delivers messages published before the consumer started', async () => {
        const device = uniqueToken()
        const payload = fixtureFor(informV1, { deviceId: device })
        await bus.publish(informV1, informV1.subject(device), payload)
        const got = deferred<unknown>()
        keep(await bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device) }, async (d) => got.resolve(d.payload)))
        expect(await got.promise).toEqual(payload)
      })

      it('skips retained messages when the consumer asks for new ones only', async () => {
        const device = uniqueToken()
        await bus.publish(informV1, informV1.subject(device), fixtureFor(informV1, { deviceId: device }))
        const seen: string[] = []
        const got = deferred()
        keep(
          await bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device), newOnly: true }, async (d) => {
            seen.push(d.payload.eventId)
            got.resolve()
          }),
        )
        const fresh = fixtureFor(informV1, { deviceId: device })
        await bus.publish(informV1, informV1.subject(device), fresh)
        await got.promise
        expect(seen).toEqual([fresh.eventId])
      })

      it('keeps the order of one subject for a consumer with concurrency 1', async () => {
        const device = uniqueToken()
        const seen: string[] = []
        keep(
          await bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device), concurrency: 1 }, async (d) =>
            void seen.push(d.payload.eventId),
          ),
        )
        const sent = Array.from({ length: 5 }, () => fixtureFor(informV1, { deviceId: device }))
        for (const p of sent) await bus.publish(informV1, informV1.subject(device), p)
        await until(() => seen.length === 5)
        expect(seen).toEqual(sent.map((p) => p.eventId))
      })

      it('drops a second publish with the same idempotency key', async () => {
        const device = uniqueToken()
        const payload = fixtureFor(informV1, { deviceId: device })
        const last = fixtureFor(informV1, { deviceId: device })
        await bus.publish(informV1, informV1.subject(device), payload)
        await bus.publish(informV1, informV1.subject(device), payload)
        await bus.publish(informV1, informV1.subject(device), last)
        const seen: string[] = []
        const done = deferred()
        keep(
          await bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device), concurrency: 1 }, async (d) => {
            seen.push(d.payload.eventId)
            if (d.payload.eventId === last.eventId) done.resolve()
          }),
        )
        await done.promise
        expect(seen).toEqual([payload.eventId, last.eventId])
      })

      it('uses an explicit idempotency key instead of the contract one', async () => {
        const device = uniqueToken()
        const key = uniqueToken('key')
        const first = fixtureFor(informV1, { deviceId: device })
        const last = fixtureFor(informV1, { deviceId: device })
        await bus.publish(informV1, informV1.subject(device), first, { idempotencyKey: key })
        await bus.publish(informV1, informV1.subject(device), fixtureFor(informV1, { deviceId: device }), { idempotencyKey: key })
        await bus.publish(informV1, informV1.subject(device), last)
        const seen: string[] = []
        const done = deferred()
        keep(
          await bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device), concurrency: 1 }, async (d) => {
            seen.push(d.payload.eventId)
            if (d.payload.eventId === last.eventId) done.resolve()
          }),
        )
        await done.promise
        expect(seen).toEqual([first.eventId, last.eventId])
      })

      it('waits for the in-flight handler when a consumer stops', async () => {
        const device = uniqueToken()
        const started = deferred()
        const release = deferred()
        let finished = false
        const stop = await bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device) }, async () => {
          started.resolve()
          await release.promise
          finished = true
        })
        await bus.publish(informV1, informV1.subject(device), fixtureFor(informV1, { deviceId: device }))
        await started.promise
        let stopped = false
        const stopping = stop().then(() => (stopped = true))
        await new Promise((r) => setImmediate(r))
        expect(stopped).toBe(false)
        release.resolve()
        await stopping
        expect(finished).toBe(true)
      })
    })

    describe('work-queue streams', () => {
      const command = (device: string) => fixtureFor(connectionRequestCommandV1, { deviceId: device })

      it('refuses a second durable whose filter overlaps an existing one', async () => {
        const device = uniqueToken()
        const filter = connectionRequestCommandV1.filter(device)
        keep(await bus.consume(connectionRequestCommandV1, { durable: uniqueToken('a'), filter }, async () => {}))
        await expect(bus.consume(connectionRequestCommandV1, { durable: uniqueToken('b'), filter }, async () => {})).rejects.toThrow()
      })

      it('gives each command to the durable whose filter matches it', async () => {
        const [x, y] = [uniqueToken(), uniqueToken()]
        const a: string[] = []
        const b: string[] = []
        keep(await bus.consume(connectionRequestCommandV1, { durable: uniqueToken('a'), filter: connectionRequestCommandV1.filter(x) }, async (d) => void a.push(d.payload.deviceId)))
        keep(await bus.consume(connectionRequestCommandV1, { durable: uniqueToken('b'), filter: connectionRequestCommandV1.filter(y) }, async (d) => void b.push(d.payload.deviceId)))
        await bus.publish(connectionRequestCommandV1, connectionRequestCommandV1.subject(x), command(x))
        await bus.publish(connectionRequestCommandV1, connectionRequestCommandV1.subject(y), command(y))
        await until(() => a.length + b.length === 2)
        expect({ a, b }).toEqual({ a: [x], b: [y] })
      })

      it('does not deliver an acknowledged command again after the consumer restarts', async () => {
        const device = uniqueToken()
        const durable = uniqueToken('wq')
        const filter = connectionRequestCommandV1.filter(device)
        const first = command(device)
        const acked = deferred()
        const stop = await bus.consume(connectionRequestCommandV1, { durable, filter }, async () => acked.resolve())
        await bus.publish(connectionRequestCommandV1, connectionRequestCommandV1.subject(device), first)
        await acked.promise
        await stop()
        const second = command(device)
        await bus.publish(connectionRequestCommandV1, connectionRequestCommandV1.subject(device), second)
        const seen: string[] = []
        const done = deferred()
        keep(
          await bus.consume(connectionRequestCommandV1, { durable, filter, concurrency: 1 }, async (d) => {
            seen.push(d.payload.commandId)
            done.resolve()
          }),
        )
        await done.promise
        expect(seen).toEqual([second.commandId])
      })
    })

    describe('request and reply', () => {
      const reply = (service: string) => replyFixtureFor(informHookV1, { service, queued: 1 })

      it('answers each request from one member of the queue group', async () => {
        const device = uniqueToken()
        let handled = 0
        for (let i = 0; i < 2; i++) {
          keep(await bus.serve(informHookV1, { queue: 'svc', filter: informHookV1.filter(device) }, async () => (handled++, reply('svc'))))
        }
        for (let i = 0; i < 4; i++) {
          expect(await bus.request(informHookV1, informHookV1.subject(device), hook(device), { timeoutMs: 5_000 })).toEqual(reply('svc'))
        }
        expect(handled).toBe(4)
      })

      it('passes the logical subject and the decoded request to the handler', async () => {
        const device = uniqueToken()
        const got = deferred<{ payload: unknown; subject: string }>()
        keep(
          await bus.serve(informHookV1, { queue: 'svc', filter: informHookV1.filter(device) }, async (payload, subject) => {
            got.resolve({ payload, subject })
            return reply('svc')
          }),
        )
        const request = hook(device)
        await bus.request(informHookV1, informHookV1.subject(device), request, { timeoutMs: 5_000 })
        expect(await got.promise).toEqual({ payload: request, subject: informHookV1.subject(device) })
      })

      it('throws RequestTimeoutError when the responder does not answer in time', async () => {
        const device = uniqueToken()
        const release = deferred()
        keep(
          await bus.serve(informHookV1, { queue: 'slow', filter: informHookV1.filter(device) }, async () => {
            await release.promise
            return reply('slow')
          }),
        )
        try {
          await expect(bus.request(informHookV1, informHookV1.subject(device), hook(device), { timeoutMs: 200 })).rejects.toBeInstanceOf(
            RequestTimeoutError,
          )
        } finally {
          release.resolve()
        }
      })

      it('throws NoRespondersError when nobody serves the subject', async () => {
        const device = uniqueToken()
        await expect(bus.request(informHookV1, informHookV1.subject(device), hook(device), { timeoutMs: 5_000 })).rejects.toBeInstanceOf(
          NoRespondersError,
        )
      })

      it('throws RemoteError with status 500 when the handler fails', async () => {
        const device = uniqueToken()
        keep(
          await bus.serve(informHookV1, { queue: 'svc', filter: informHookV1.filter(device) }, async () => {
            throw new Error('database down')
          }),
        )
        const err = await bus.request(informHookV1, informHookV1.subject(device), hook(device), { timeoutMs: 5_000 }).catch((e: unknown) => e)
        expect(err).toBeInstanceOf(RemoteError)
        expect((err as RemoteError).status).toBe(500)
        expect((err as RemoteError).message).toContain('database down')
      })

      it('throws RemoteError when the handler returns a reply that breaks the contract', async () => {
        const device = uniqueToken()
        keep(
          await bus.serve(informHookV1, { queue: 'svc', filter: informHookV1.filter(device) }, async () => ({ service: '', queued: -1 })),
        )
        await expect(bus.request(informHookV1, informHookV1.subject(device), hook(device), { timeoutMs: 5_000 })).rejects.toThrow(/invalid reply/)
      })

      it('rejects an invalid request before sending it', async () => {
        const bad = { ...hook(uniqueToken()), informEventId: 'nope' }
        await expect(bus.request(informHookV1, informHookV1.subject(uniqueToken()), bad, { timeoutMs: 5_000 })).rejects.toBeInstanceOf(
          ContractViolationError,
        )
      })

      it('rejects with the signal reason when the request is aborted', async () => {
        const device = uniqueToken()
        const release = deferred()
        keep(
          await bus.serve(informHookV1, { queue: 'slow', filter: informHookV1.filter(device) }, async () => {
            await release.promise
            return reply('slow')
          }),
        )
        const controller = new AbortController()
        const pending = bus.request(informHookV1, informHookV1.subject(device), hook(device), { timeoutMs: 60_000, signal: controller.signal })
        controller.abort(new Error('session ended'))
        try {
          await expect(pending).rejects.toThrow('session ended')
        } finally {
          release.resolve()
        }
      })
    })

    describe('gather', () => {
      const serveAs = async (device: string, service: string, gate?: Promise<void>) =>
        keep(
          await bus.serve(informHookV1, { queue: service, filter: informHookV1.filter(device) }, async () => {
            await gate
            return replyFixtureFor(informHookV1, { service, queued: 0 })
          }),
        )

      it('returns as soon as `expected` groups answered, without waiting for a slow one', { timeout: 15_000 }, async () => {
        const device = uniqueToken()
        const slow = deferred()
        await serveAs(device, 'fast-a')
        await serveAs(device, 'fast-b')
        await serveAs(device, 'slow', slow.promise)
        try {
          const replies = await bus.gather(informHookV1, informHookV1.subject(device), hook(device), { deadlineMs: 60_000, expected: 2 })
          expect(replies.map((r) => r.service).sort()).toEqual(['fast-a', 'fast-b'])
        } finally {
          slow.resolve()
        }
      })

      it('returns what arrived by the deadline when a group never answers', async () => {
        const device = uniqueToken()
        const slow = deferred()
        await serveAs(device, 'fast-a')
        await serveAs(device, 'fast-b')
        await serveAs(device, 'slow', slow.promise)
        try {
          const replies = await bus.gather(informHookV1, informHookV1.subject(device), hook(device), { deadlineMs: 500 })
          expect(replies.map((r) => r.service).sort()).toEqual(['fast-a', 'fast-b'])
        } finally {
          slow.resolve()
        }
      })

      it('returns an empty list when nobody serves the subject', { timeout: 15_000 }, async () => {
        const device = uniqueToken()
        expect(await bus.gather(informHookV1, informHookV1.subject(device), hook(device), { deadlineMs: 60_000 })).toEqual([])
      })

      it('counts a failed group as an answer but leaves it out of the replies', { timeout: 15_000 }, async () => {
        const device = uniqueToken()
        await serveAs(device, 'ok')
        keep(
          await bus.serve(informHookV1, { queue: 'broken', filter: informHookV1.filter(device) }, async () => {
            throw new Error('broken')
          }),
        )
        const replies = await bus.gather(informHookV1, informHookV1.subject(device), hook(device), { deadlineMs: 60_000, expected: 2 })
        expect(replies.map((r) => r.service)).toEqual(['ok'])
      })
    })

    describe('servingGroups', () => {
      const serveIn = async (queue: string) =>
        bus.serve(awaitedResultV1, { queue }, async () => replyFixtureFor(awaitedResultV1, { service: queue }))

      it('counts distinct queue groups, not instances', async () => {
        keep(await serveIn('provisioning'))
        keep(await serveIn('provisioning'))
        keep(await serveIn('firmware'))
        await until(async () => (await bus.servingGroups(awaitedResultV1)) === 2)
        expect(await bus.servingGroups(awaitedResultV1)).toBe(2)
      })

      it('drops a group once its last instance stopped', async () => {
        keep(await serveIn('provisioning'))
        const firmware = await serveIn('firmware')
        await until(async () => (await bus.servingGroups(awaitedResultV1)) === 2)
        await firmware()
        await until(async () => (await bus.servingGroups(awaitedResultV1)) === 1)
        expect(await bus.servingGroups(awaitedResultV1)).toBe(1)
      })
    })

    describe('kv', () => {
      const bytes = (s: string) => new TextEncoder().encode(s)
      const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined)

      it('lets exactly one of two concurrent creates of a key win', async () => {
        const kv = await bus.kv('suite_locks', { ttlMs: 60_000 })
        const key = uniqueToken('lock')
        const results = await Promise.all([kv.create(key, bytes('a')), kv.create(key, bytes('b'))])
        expect(results.filter((r) => r !== null)).toHaveLength(1)
        const winner = results[0] !== null ? 'a' : 'b'
        expect(text((await kv.get(key))?.value)).toBe(winner)
      })

      it('refuses an update with a stale revision', async () => {
        const kv = await bus.kv('suite_state', { ttlMs: 60_000 })
        const key = uniqueToken('k')
        const first = await kv.put(key, bytes('1'))
        const second = await kv.update(key, bytes('2'), first)
        expect(second).not.toBeNull()
        expect(await kv.update(key, bytes('3'), first)).toBeNull()
        expect(await kv.get(key)).toEqual({ value: bytes('2'), revision: second })
      })

      it('deletes only while the revision still matches', async () => {
        const kv = await bus.kv('suite_state', { ttlMs: 60_000 })
        const key = uniqueToken('k')
        const first = await kv.put(key, bytes('1'))
        const second = await kv.put(key, bytes('2'))
        expect(await kv.delete(key, first)).toBe(false)
        expect(await kv.get(key)).not.toBeNull()
        expect(await kv.delete(key, second)).toBe(true)
        expect(await kv.get(key)).toBeNull()
      })

      it('allows a create again after the key was deleted', async () => {
        const kv = await bus.kv('suite_state', { ttlMs: 60_000 })
        const key = uniqueToken('k')
        await kv.put(key, bytes('1'))
        await kv.delete(key)
        expect(await kv.create(key, bytes('2'))).not.toBeNull()
        expect(text((await kv.get(key))?.value)).toBe('2')
      })

      it('accepts any non-empty string as a key', async () => {
        const kv = await bus.kv('suite_state', { ttlMs: 60_000 })
        const key = `00D09E-Home Gateway-SN.1/é*>~=${uniqueToken()}`
        await kv.put(key, bytes('v'))
        expect(text((await kv.get(key))?.value)).toBe('v')
        expect(await kv.get(`${key}x`)).toBeNull()
      })

      it('expires an entry ttl after its last write', { timeout: 20_000 }, async () => {
        const kv = await bus.kv('suite_ttl', { ttlMs: h.kvTtlMs })
        const key = uniqueToken('session')
        await kv.put(key, bytes('v'))
        h.passTime(h.kvTtlMs + 1)
        await until(async () => (await kv.get(key)) === null, 15_000)
        expect(await kv.create(key, bytes('again'))).not.toBeNull()
      })
    })

    describe('tracing', () => {
      it('runs the consumer inside the trace of the publisher', async () => {
        const device = uniqueToken()
        const got = deferred<{ traceId?: string; spanId?: string }>()
        keep(
          await bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device) }, async () => {
            got.resolve({ traceId: trace.getActiveSpan()?.spanContext().traceId, spanId: trace.getActiveSpan()?.spanContext().spanId })
          }),
        )
        const sender = await trace.getTracer('test').startActiveSpan('send', async (span) => {
          await bus.publish(informV1, informV1.subject(device), fixtureFor(informV1, { deviceId: device }))
          span.end()
          return span.spanContext()
        })
        const seen = await got.promise
        expect(sender.traceId).not.toMatch(/^0+$/)
        expect(seen.traceId).toBe(sender.traceId)
        expect(seen.spanId).not.toBe(sender.spanId)
      })

      it('runs the responder inside the trace of the requester', async () => {
        const device = uniqueToken()
        let traceId: string | undefined
        keep(
          await bus.serve(informHookV1, { queue: 'svc', filter: informHookV1.filter(device) }, async () => {
            traceId = trace.getActiveSpan()?.spanContext().traceId
            return replyFixtureFor(informHookV1)
          }),
        )
        const sender = await trace.getTracer('test').startActiveSpan('session', async (span) => {
          await bus.request(informHookV1, informHookV1.subject(device), hook(device), { timeoutMs: 5_000 })
          span.end()
          return span.spanContext()
        })
        expect(traceId).toBe(sender.traceId)
      })
    })
  })
}
