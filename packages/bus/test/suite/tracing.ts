import { trace } from '@opentelemetry/api'
import { describe, expect, it } from 'vitest'
import { informHookV1, informV1 } from '@acs/contracts'
import { fixtureFor, replyFixtureFor } from '@acs/contracts/testing'
import { deferred, uniqueToken } from '../helpers.js'
import { hook, type SuiteContext } from './context.js'

/** Trace context across publish/consume and request/serve. */
export function tracingTests(s: SuiteContext): void {
  describe('tracing', () => {
    it('runs the consumer inside the trace of the publisher', async () => {
      const device = uniqueToken()
      const got = deferred<{ traceId?: string; spanId?: string }>()
      s.keep(
        await s.bus.consume(informV1, { durable: uniqueToken('d'), filter: informV1.filter(device) }, async () => {
          got.resolve({ traceId: trace.getActiveSpan()?.spanContext().traceId, spanId: trace.getActiveSpan()?.spanContext().spanId })
        }),
      )
      const sender = await trace.getTracer('test').startActiveSpan('send', async (span) => {
        await s.bus.publish(informV1, informV1.subject(device), fixtureFor(informV1, { deviceId: device }))
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
      s.keep(
        await s.bus.serve(informHookV1, { queue: 'svc', filter: informHookV1.filter(device) }, async () => {
          traceId = trace.getActiveSpan()?.spanContext().traceId
          return replyFixtureFor(informHookV1)
        }),
      )
      const sender = await trace.getTracer('test').startActiveSpan('session', async (span) => {
        await s.bus.request(informHookV1, informHookV1.subject(device), hook(device), { timeoutMs: 5_000 })
        span.end()
        return span.spanContext()
      })
      expect(traceId).toBe(sender.traceId)
    })
  })
}
