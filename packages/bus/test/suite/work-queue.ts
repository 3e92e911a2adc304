import { describe, expect, it } from 'vitest'
import { connectionRequestCommandV1 } from '@acs/contracts'
import { fixtureFor } from '@acs/contracts/testing'
import { deferred, uniqueToken, until } from '../helpers.js'
import type { SuiteContext } from './context.js'

/** Work-queue streams: one consumer per subject, deleted once acked. */
export function workQueueTests(s: SuiteContext): void {
  describe('work-queue streams', () => {
    const command = (device: string) => fixtureFor(connectionRequestCommandV1, { deviceId: device })

    it('refuses a second durable whose filter overlaps an existing one', async () => {
      const device = uniqueToken()
      const filter = connectionRequestCommandV1.filter(device)
      s.keep(await s.bus.consume(connectionRequestCommandV1, { durable: uniqueToken('a'), filter }, async () => {}))
      await expect(s.bus.consume(connectionRequestCommandV1, { durable: uniqueToken('b'), filter }, async () => {})).rejects.toThrow()
    })

    it('gives each command to the durable whose filter matches it', async () => {
      const [x, y] = [uniqueToken(), uniqueToken()]
      const a: string[] = []
      const b: string[] = []
      s.keep(await s.bus.consume(connectionRequestCommandV1, { durable: uniqueToken('a'), filter: connectionRequestCommandV1.filter(x) }, async (d) => void a.push(d.payload.deviceId)))
      s.keep(await s.bus.consume(connectionRequestCommandV1, { durable: uniqueToken('b'), filter: connectionRequestCommandV1.filter(y) }, async (d) => void b.push(d.payload.deviceId)))
      await s.bus.publish(connectionRequestCommandV1, connectionRequestCommandV1.subject(x), command(x))
      await s.bus.publish(connectionRequestCommandV1, connectionRequestCommandV1.subject(y), command(y))
      await until(() => a.length + b.length === 2)
      expect({ a, b }).toEqual({ a: [x], b: [y] })
    })

    it('does not deliver an acknowledged command again after the consumer restarts', async () => {
      const device = uniqueToken()
      const durable = uniqueToken('wq')
      const filter = connectionRequestCommandV1.filter(device)
      const first = command(device)
      const acked = deferred()
      const stop = await s.bus.consume(connectionRequestCommandV1, { durable, filter }, async () => acked.resolve())
      await s.bus.publish(connectionRequestCommandV1, connectionRequestCommandV1.subject(device), first)
      await acked.promise
      await stop()
      const second = command(device)
      await s.bus.publish(connectionRequestCommandV1, connectionRequestCommandV1.subject(device), second)
      const seen: string[] = []
      const done = deferred()
      s.keep(
        await s.bus.consume(connectionRequestCommandV1, { durable, filter, concurrency: 1 }, async (d) => {
          seen.push(d.payload.commandId)
          done.resolve()
        }),
      )
      await done.promise
      expect(seen).toEqual([second.commandId])
    })
  })
}
