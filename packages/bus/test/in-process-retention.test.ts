import { afterEach, describe, expect, it } from 'vitest'
import { createInProcessBus, type InProcessBus } from '@acs/bus'
import { informV1 } from '@acs/contracts'
import { fixtureFor } from '@acs/contracts/testing'
import { deferred, until } from './helpers.js'

describe('in-process bus retention', () => {
  let bus: InProcessBus | undefined
  afterEach(() => bus?.close())

  it('forgets messages older than the stream max age for a consumer that starts later', async () => {
    let offset = 0
    bus = createInProcessBus({ now: () => Date.now() + offset })
    await bus.publish(informV1, informV1.subject('d'), fixtureFor(informV1, { deviceId: 'd' }))
    offset += 8 * 24 * 3600_000
    const fresh = fixtureFor(informV1, { deviceId: 'd' })
    await bus.publish(informV1, informV1.subject('d'), fresh)
    const seen: string[] = []
    const stop = await bus.consume(informV1, { durable: 'late', concurrency: 1 }, async (d) => void seen.push(d.payload.eventId))
    await until(() => seen.length === 1)
    await stop()
    expect(seen).toEqual([fresh.eventId])
  })

  it('never drops a message a durable has not finished, even beyond maxMessagesPerStream', async () => {
    bus = createInProcessBus({ maxMessagesPerStream: 2 })
    const hold = deferred()
    const seen: string[] = []
    const stop = await bus.consume(informV1, { durable: 'slow', concurrency: 1 }, async (d) => {
      seen.push(d.payload.eventId)
      await hold.promise
    })
    const sent = Array.from({ length: 4 }, () => fixtureFor(informV1, { deviceId: 'd' }))
    for (const p of sent) await bus.publish(informV1, informV1.subject('d'), p)
    hold.resolve()
    await until(() => seen.length === 4)
    await stop()
    expect(seen).toEqual(sent.map((p) => p.eventId))
  })

  it('drops the oldest messages every durable finished once the stream is over maxMessagesPerStream', async () => {
    bus = createInProcessBus({ maxMessagesPerStream: 2 })
    const first: string[] = []
    const stop = await bus.consume(informV1, { durable: 'first', concurrency: 1 }, async (d) => void first.push(d.payload.eventId))
    const sent = Array.from({ length: 4 }, () => fixtureFor(informV1, { deviceId: 'd' }))
    for (const p of sent) await bus.publish(informV1, informV1.subject('d'), p)
    await until(() => first.length === 4)
    await stop()
    const last = fixtureFor(informV1, { deviceId: 'd' })
    await bus.publish(informV1, informV1.subject('d'), last)
    const late: string[] = []
    const stopLate = await bus.consume(informV1, { durable: 'late', concurrency: 1 }, async (d) => void late.push(d.payload.eventId))
    await until(() => late.length >= 2)
    await stopLate()
    expect(late).toEqual([sent[3]?.eventId, last.eventId])
  })

  it('refuses to publish after close', async () => {
    bus = createInProcessBus()
    await bus.close()
    await expect(bus.publish(informV1, informV1.subject('d'), fixtureFor(informV1))).rejects.toThrow(/closed/)
  })
})
