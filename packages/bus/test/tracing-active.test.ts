import { SpanKind } from '@opentelemetry/api'
import { describe, expect, it } from 'vitest'
import { NON_RECORDING_SPAN, tracingActive } from '@acs/bus'
import { inSpan } from '../src/trace.js'
import { startTestTracing } from './tracing.js'

// In this order: this file's worker starts without an SDK (the API's global is not reset between
// the tests, since tracers obtained before a reset would stay no-ops for good).
describe('tracingActive', () => {
  it('is false while no SDK is registered, and spans are skipped', async () => {
    expect(tracingActive()).toBe(false)
    let seen: unknown
    await expect(inSpan('x', SpanKind.INTERNAL, {}, undefined, async (span) => ((seen = span), 7))).resolves.toBe(7)
    expect(seen).toBe(NON_RECORDING_SPAN)
    await expect(inSpan('x', SpanKind.INTERNAL, {}, undefined, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
  })

  it('turns true when an SDK registers later, and spans record again', async () => {
    const sdk = startTestTracing()
    try {
      expect(tracingActive()).toBe(true)
      const recording = await inSpan('x', SpanKind.INTERNAL, {}, undefined, async (span) => span.isRecording())
      expect(recording).toBe(true)
    } finally {
      await sdk.shutdown()
    }
  })
})
