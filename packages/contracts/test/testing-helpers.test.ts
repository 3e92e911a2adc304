import { describe, expect, it } from 'vitest'
import { informHookV1, informV1, rpcResultV1 } from '@acs/contracts'
import { ContractAssertionError, expectValid, expectValidReply, fixtureFor, replyFixtureFor } from '@acs/contracts/testing'

describe('expectValid', () => {
  it('returns a valid payload unchanged', () => {
    const payload = fixtureFor(informV1)
    expect(expectValid(informV1, payload)).toBe(payload)
  })

  it('throws an assertion error that lists each schema error', () => {
    const bad = { ...fixtureFor(informV1), eventId: 'x', retryCount: -1 }
    const err = (() => {
      try {
        expectValid(informV1, bad)
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(ContractAssertionError)
    expect((err as ContractAssertionError).message).toMatch(/cwmp\.v1\.inform[\s\S]*\/eventId[\s\S]*\/retryCount/)
  })

  it('checks replies against the reply schema', () => {
    expect(() => expectValidReply(informHookV1, { service: '', queued: 0 })).toThrow(ContractAssertionError)
    expect(expectValidReply(informHookV1, replyFixtureFor(informHookV1))).toMatchObject({ queued: 0 })
  })
})

describe('fixtureFor', () => {
  it('applies overrides', () => {
    expect(fixtureFor(rpcResultV1, { outcome: 'faulted', service: 'firmware' })).toMatchObject({ outcome: 'faulted', service: 'firmware' })
  })

  it('refuses overrides that make the payload invalid', () => {
    expect(() => fixtureFor(rpcResultV1, { service: '' })).toThrow(/invalid payload/)
  })

  it('fills uuid and timestamp patterns with fresh values', () => {
    const p = fixtureFor(rpcResultV1)
    expect(p.eventId).toMatch(/^[0-9a-f-]{36}$/)
    expect(Date.parse(p.completedAt)).not.toBeNaN()
  })
})

describe('schema formats', () => {
  it('reject an id that is not a uuid', () => {
    expect(informV1.decode({ ...fixtureFor(informV1), eventId: '123' }).ok).toBe(false)
  })

  it('reject a timestamp without a UTC designator', () => {
    expect(informV1.decode({ ...fixtureFor(informV1), occurredAt: '2024-01-01T00:00:00+02:00' }).ok).toBe(false)
  })
})
