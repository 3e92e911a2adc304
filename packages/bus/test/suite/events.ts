import { describe, expect, it } from 'vitest'
import { ContractViolationError, PermanentError } from '@acs/bus'
import { connectionRequestResultV1, informV1, sessionClosedV1 } from '@acs/contracts'
import { fixtureFor, invalidFixtureFor } from '@acs/contracts/testing'
import { deferred, uniqueToken, until } from '../helpers.js'
import type { SuiteContext } from './context.js'

/** Durable events: delivery, validation, settling, sharing, retention, dedupe. */
export function publishConsumeTests(s: SuiteContext): void {
  describe('publish and consume', () => {
    it('delivers a published event with its payload and logical subject', async () => {
      const device = uniqueToken()
      const got = deferred<{ subject: string; payload: unknown; deliveryCount: number }>()
      s.keep(await s.bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device) }, async (d) => got.resolve(d)))
      const payload = fixtureFor(informV1, { deviceId: device })
      await s.bus.publish(informV1, informV1.subject(device), payload)
      const d = await got.promise
      expect(d.subject).toBe(informV1.subject(device))
      expect(d.payload).toEqual(payload)
      expect(d.deliveryCount).toBe(1)
    })

    it('delivers the payload as it went over the wire: undefined fields absent, later changes by the publisher unseen', async () => {
      const device = uniqueToken()
      const got = deferred<unknown>()
      const contract = connectionRequestResultV1
      s.keep(await s.bus.consume(contract, { durable: uniqueToken('d'), filter: contract.filter(device) }, async (d) => got.resolve(d.payload)))
      const payload = { ...fixtureFor(contract, { deviceId: device, detail: 'kept' }), status: undefined }
      await s.bus.publish(contract, contract.subject(device), payload)
      payload.detail = 'changed after publishing'
      const delivered = (await got.promise) as Record<string, unknown>
      expect(delivered.detail).toBe('kept')
      expect('status' in delivered).toBe(false)
      expect(delivered).toEqual(JSON.parse(JSON.stringify({ ...payload, detail: 'kept' })))
    })

    it('rejects a payload that breaks the contract on publish', async () => {
      const bad = { ...fixtureFor(informV1), eventId: 'not-a-uuid' }
      await expect(s.bus.publish(informV1, informV1.subject(uniqueToken()), bad)).rejects.toBeInstanceOf(ContractViolationError)
    })

    it('refuses a consumer filter that reaches beyond its contract', async () => {
      await expect(s.bus.consume(informV1, { durable: uniqueToken('d'), filter: 'cwmp.v1.>' }, async () => {})).rejects.toThrow(/reaches beyond/)
    })

    it('rejects a subject that belongs to another contract', async () => {
      const payload = fixtureFor(informV1)
      await expect(s.bus.publish(informV1, sessionClosedV1.subject(uniqueToken()), payload)).rejects.toThrow(/does not match/)
    })

    it('terminates a message that breaks the contract and never hands it to the handler', async () => {
      const device = uniqueToken()
      const seen: unknown[] = []
      const sentinel = deferred()
      const valid = fixtureFor(informV1, { deviceId: device })
      s.keep(
        await s.bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device), concurrency: 1 }, async (d) => {
          seen.push(d.payload)
          sentinel.resolve()
        }),
      )
      await s.harness.injectRaw(informV1.subject(device), invalidFixtureFor(informV1))
      await s.bus.publish(informV1, informV1.subject(device), valid)
      await sentinel.promise
      expect(seen).toEqual([valid])
      const warnings = s.harness.logs.filter((l) => l.message.includes('invalid message terminated') && l.fields.subject === informV1.subject(device))
      expect(warnings).toHaveLength(1)
    })

    it('redelivers a message whose handler failed, counting the deliveries', async () => {
      const device = uniqueToken()
      const counts: number[] = []
      const done = deferred()
      s.keep(
        await s.bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device) }, async (d) => {
          counts.push(d.deliveryCount)
          if (d.deliveryCount < 2) throw new Error('transient')
          done.resolve()
        }),
      )
      await s.bus.publish(informV1, informV1.subject(device), fixtureFor(informV1, { deviceId: device }))
      await done.promise
      expect(counts).toEqual([1, 2])
    })

    it('terminates a message whose handler throws PermanentError instead of retrying it', async () => {
      const device = uniqueToken()
      const failed = deferred()
      s.keep(
        await s.bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device) }, async () => {
          failed.resolve()
          throw new PermanentError('cannot ever work')
        }),
      )
      await s.bus.publish(informV1, informV1.subject(device), fixtureFor(informV1, { deviceId: device }))
      await failed.promise
      await until(() => s.harness.logs.some((l) => l.fields.subject === informV1.subject(device) && l.message.includes('failed permanently')))
      expect(s.harness.logs.filter((l) => l.fields.subject === informV1.subject(device) && l.message.includes('redelivered'))).toEqual([])
    })

    it('gives a message up after maxDeliver failed deliveries', async () => {
      const device = uniqueToken()
      const counts: number[] = []
      s.keep(
        await s.bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device), maxDeliver: 2 }, async (d) => {
          counts.push(d.deliveryCount)
          throw new Error('always failing')
        }),
      )
      await s.bus.publish(informV1, informV1.subject(device), fixtureFor(informV1, { deviceId: device }))
      await until(() => s.harness.logs.some((l) => l.fields.subject === informV1.subject(device) && l.message.includes('last allowed delivery')))
      expect(counts).toEqual([1, 2])
    })

    it('shares one durable between two consumers: each message to one of them, all messages to the pair', async () => {
      const device = uniqueToken()
      const durable = uniqueToken('shared')
      const peer = await s.harness.peer()
      const byConsumer: [string[], string[]] = [[], []]
      const bothBusy = deferred()
      const handler = (i: 0 | 1) => async (d: { payload: { eventId: string } }) => {
        byConsumer[i].push(d.payload.eventId)
        if (byConsumer[0].length > 0 && byConsumer[1].length > 0) bothBusy.resolve()
        await bothBusy.promise
      }
      const filter = informV1.filter(device)
      s.keep(await s.bus.consume(informV1, { durable, filter, concurrency: 1 }, handler(0)))
      s.keep(await peer.consume(informV1, { durable, filter, concurrency: 1 }, handler(1)))
      const sent = Array.from({ length: 10 }, () => fixtureFor(informV1, { deviceId: device }))
      for (const p of sent) await s.bus.publish(informV1, informV1.subject(device), p)
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
      s.keep(await s.bus.consume(informV1, { durable: uniqueToken('a'), filter }, async (d) => void a.push(d.payload.eventId)))
      s.keep(await s.bus.consume(informV1, { durable: uniqueToken('b'), filter }, async (d) => void b.push(d.payload.eventId)))
      const sent = Array.from({ length: 3 }, () => fixtureFor(informV1, { deviceId: device }))
      for (const p of sent) await s.bus.publish(informV1, informV1.subject(device), p)
      await until(() => a.length === 3 && b.length === 3)
      expect(a.sort()).toEqual(sent.map((p) => p.eventId).sort())
      expect(b.sort()).toEqual(a)
    })

    it('delivers messages published before the consumer started', async () => {
      const device = uniqueToken()
      const payload = fixtureFor(informV1, { deviceId: device })
      await s.bus.publish(informV1, informV1.subject(device), payload)
      const got = deferred<unknown>()
      s.keep(await s.bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device) }, async (d) => got.resolve(d.payload)))
      expect(await got.promise).toEqual(payload)
    })

    it('skips retained messages when the consumer asks for new ones only', async () => {
      const device = uniqueToken()
      await s.bus.publish(informV1, informV1.subject(device), fixtureFor(informV1, { deviceId: device }))
      const seen: string[] = []
      const got = deferred()
      s.keep(
        await s.bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device), newOnly: true }, async (d) => {
          seen.push(d.payload.eventId)
          got.resolve()
        }),
      )
      const fresh = fixtureFor(informV1, { deviceId: device })
      await s.bus.publish(informV1, informV1.subject(device), fresh)
      await got.promise
      expect(seen).toEqual([fresh.eventId])
    })

    it('keeps the order of one subject for a consumer with concurrency 1', async () => {
      const device = uniqueToken()
      const seen: string[] = []
      s.keep(
        await s.bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device), concurrency: 1 }, async (d) =>
          void seen.push(d.payload.eventId),
        ),
      )
      const sent = Array.from({ length: 5 }, () => fixtureFor(informV1, { deviceId: device }))
      for (const p of sent) await s.bus.publish(informV1, informV1.subject(device), p)
      await until(() => seen.length === 5)
      expect(seen).toEqual(sent.map((p) => p.eventId))
    })

    it('drops a second publish with the same idempotency key', async () => {
      const device = uniqueToken()
      const payload = fixtureFor(informV1, { deviceId: device })
      const last = fixtureFor(informV1, { deviceId: device })
      await s.bus.publish(informV1, informV1.subject(device), payload)
      await s.bus.publish(informV1, informV1.subject(device), payload)
      await s.bus.publish(informV1, informV1.subject(device), last)
      const seen: string[] = []
      const done = deferred()
      s.keep(
        await s.bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device), concurrency: 1 }, async (d) => {
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
      await s.bus.publish(informV1, informV1.subject(device), first, { idempotencyKey: key })
      await s.bus.publish(informV1, informV1.subject(device), fixtureFor(informV1, { deviceId: device }), { idempotencyKey: key })
      await s.bus.publish(informV1, informV1.subject(device), last)
      const seen: string[] = []
      const done = deferred()
      s.keep(
        await s.bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device), concurrency: 1 }, async (d) => {
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
      const stop = await s.bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device) }, async () => {
        started.resolve()
        await release.promise
        finished = true
      })
      await s.bus.publish(informV1, informV1.subject(device), fixtureFor(informV1, { deviceId: device }))
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
}
