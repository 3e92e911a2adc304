import { describe, expect, it } from 'vitest'
import { ContractViolationError, NoRespondersError, RemoteError, RequestTimeoutError } from '@acs/bus'
import { informHookV1 } from '@acs/contracts'
import { replyFixtureFor } from '@acs/contracts/testing'
import { deferred, uniqueToken } from '../helpers.js'
import { hook, type SuiteContext } from './context.js'

/** Request/reply: queue groups, timeouts, no responders, remote errors. */
export function requestReplyTests(s: SuiteContext): void {
  describe('request and reply', () => {
    const reply = (service: string) => replyFixtureFor(informHookV1, { service, queued: 1 })

    it('answers each request from one member of the queue group', async () => {
      const device = uniqueToken()
      let handled = 0
      for (let i = 0; i < 2; i++) {
        s.keep(await s.bus.serve(informHookV1, { queue: 'svc', filter: informHookV1.filter(device) }, async () => (handled++, reply('svc'))))
      }
      for (let i = 0; i < 4; i++) {
        expect(await s.bus.request(informHookV1, informHookV1.subject(device), hook(device), { timeoutMs: 5_000 })).toEqual(reply('svc'))
      }
      expect(handled).toBe(4)
    })

    it('passes the logical subject and the decoded request to the handler', async () => {
      const device = uniqueToken()
      const got = deferred<{ payload: unknown; subject: string }>()
      s.keep(
        await s.bus.serve(informHookV1, { queue: 'svc', filter: informHookV1.filter(device) }, async (payload, subject) => {
          got.resolve({ payload, subject })
          return reply('svc')
        }),
      )
      const request = hook(device)
      await s.bus.request(informHookV1, informHookV1.subject(device), request, { timeoutMs: 5_000 })
      expect(await got.promise).toEqual({ payload: request, subject: informHookV1.subject(device) })
    })

    it('throws RequestTimeoutError when the responder does not answer in time', async () => {
      const device = uniqueToken()
      const release = deferred()
      s.keep(
        await s.bus.serve(informHookV1, { queue: 'slow', filter: informHookV1.filter(device) }, async () => {
          await release.promise
          return reply('slow')
        }),
      )
      try {
        await expect(s.bus.request(informHookV1, informHookV1.subject(device), hook(device), { timeoutMs: 200 })).rejects.toBeInstanceOf(
          RequestTimeoutError,
        )
      } finally {
        release.resolve()
      }
    })

    it('throws NoRespondersError when nobody serves the subject', async () => {
      const device = uniqueToken()
      await expect(s.bus.request(informHookV1, informHookV1.subject(device), hook(device), { timeoutMs: 5_000 })).rejects.toBeInstanceOf(
        NoRespondersError,
      )
    })

    it('throws RemoteError with status 500 when the handler fails', async () => {
      const device = uniqueToken()
      s.keep(
        await s.bus.serve(informHookV1, { queue: 'svc', filter: informHookV1.filter(device) }, async () => {
          throw new Error('database down')
        }),
      )
      const err = await s.bus.request(informHookV1, informHookV1.subject(device), hook(device), { timeoutMs: 5_000 }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(RemoteError)
      expect((err as RemoteError).status).toBe(500)
      expect((err as RemoteError).message).toContain('database down')
    })

    it('throws RemoteError when the handler returns a reply that breaks the contract', async () => {
      const device = uniqueToken()
      s.keep(
        await s.bus.serve(informHookV1, { queue: 'svc', filter: informHookV1.filter(device) }, async () => ({ service: '', queued: -1 })),
      )
      await expect(s.bus.request(informHookV1, informHookV1.subject(device), hook(device), { timeoutMs: 5_000 })).rejects.toThrow(/invalid reply/)
    })

    it('rejects an invalid request before sending it', async () => {
      const bad = { ...hook(uniqueToken()), informEventId: 'nope' }
      await expect(s.bus.request(informHookV1, informHookV1.subject(uniqueToken()), bad, { timeoutMs: 5_000 })).rejects.toBeInstanceOf(
        ContractViolationError,
      )
    })

    it('rejects with the signal reason when the request is aborted', async () => {
      const device = uniqueToken()
      const release = deferred()
      s.keep(
        await s.bus.serve(informHookV1, { queue: 'slow', filter: informHookV1.filter(device) }, async () => {
          await release.promise
          return reply('slow')
        }),
      )
      const controller = new AbortController()
      const pending = s.bus.request(informHookV1, informHookV1.subject(device), hook(device), { timeoutMs: 60_000, signal: controller.signal })
      controller.abort(new Error('session ended'))
      try {
        await expect(pending).rejects.toThrow('session ended')
      } finally {
        release.resolve()
      }
    })
  })
}
