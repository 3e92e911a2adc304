import { describe, expect, it } from 'vitest'
import { informHookV1 } from '@acs/contracts'
import { replyFixtureFor } from '@acs/contracts/testing'
import { deferred, uniqueToken } from '../helpers.js'
import { hook, type SuiteContext } from './context.js'

/** Scatter-gather: expected count, deadline, failed groups. */
export function gatherTests(s: SuiteContext): void {
  describe('gather', () => {
    const serveAs = async (device: string, service: string, gate?: Promise<void>) =>
      s.keep(
        await s.bus.serve(informHookV1, { queue: service, filter: informHookV1.filter(device) }, async () => {
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
        const replies = await s.bus.gather(informHookV1, informHookV1.subject(device), hook(device), { deadlineMs: 60_000, expected: 2 })
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
        const replies = await s.bus.gather(informHookV1, informHookV1.subject(device), hook(device), { deadlineMs: 500 })
        expect(replies.map((r) => r.service).sort()).toEqual(['fast-a', 'fast-b'])
      } finally {
        slow.resolve()
      }
    })

    it('returns an empty list when nobody serves the subject', { timeout: 15_000 }, async () => {
      const device = uniqueToken()
      expect(await s.bus.gather(informHookV1, informHookV1.subject(device), hook(device), { deadlineMs: 60_000 })).toEqual([])
    })

    it('counts a failed group as an answer but leaves it out of the replies', { timeout: 15_000 }, async () => {
      const device = uniqueToken()
      await serveAs(device, 'ok')
      s.keep(
        await s.bus.serve(informHookV1, { queue: 'broken', filter: informHookV1.filter(device) }, async () => {
          throw new Error('broken')
        }),
      )
      const replies = await s.bus.gather(informHookV1, informHookV1.subject(device), hook(device), { deadlineMs: 60_000, expected: 2 })
      expect(replies.map((r) => r.service)).toEqual(['ok'])
    })
  })
}
