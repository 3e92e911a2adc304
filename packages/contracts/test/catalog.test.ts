import { describe, expect, it } from 'vitest'
import { ALL_EVENTS, ALL_REQUESTS, STREAMS, type EventContract, type RequestContract } from '@acs/contracts'
import { fixtureFor, invalidFixtureFor, replyFixtureFor } from '@acs/contracts/testing'

function matches(filter: string, subject: string): boolean {
  const f = filter.split('.')
  const s = subject.split('.')
  return f.length === s.length && f.every((t, i) => t === '*' || t === s[i])
}

describe('event contracts', () => {
  for (const contract of ALL_EVENTS as readonly EventContract[]) {
    describe(contract.name, () => {
      it('decodes a fixture built from its schema', () => {
        expect(contract.decode(fixtureFor(contract))).toMatchObject({ ok: true })
      })

      it('rejects a fixture missing a required property, with errors', () => {
        const decoded = contract.decode(invalidFixtureFor(contract))
        expect(decoded.ok).toBe(false)
        expect(decoded.ok ? [] : decoded.errors).not.toHaveLength(0)
      })

      it('takes its idempotency key from the payload, distinct for two fixtures', () => {
        const [a, b] = [fixtureFor(contract), fixtureFor(contract)]
        expect(contract.idempotencyKey(a)).not.toBe(contract.idempotencyKey(b))
      })

      it('is captured by exactly its own stream', () => {
        const subject = contract.filter().replaceAll('*', 'token')
        const capturing = STREAMS.filter((s) => s.subjects.some((f) => matches(f, subject))).map((s) => s.name)
        expect(capturing).toEqual([contract.stream])
      })
    })
  }
})

describe('request contracts', () => {
  for (const contract of ALL_REQUESTS as readonly RequestContract[]) {
    describe(contract.name, () => {
      it('decodes a request fixture and a reply fixture', () => {
        expect(contract.decode(fixtureFor(contract))).toMatchObject({ ok: true })
        expect(contract.decodeReply(replyFixtureFor(contract))).toMatchObject({ ok: true })
      })

      it('rejects a request missing a required property, with errors', () => {
        const decoded = contract.decode(invalidFixtureFor(contract))
        expect(decoded.ok).toBe(false)
        expect(decoded.ok ? [] : decoded.errors).not.toHaveLength(0)
      })

      it('is never captured by a stream, so replies are not stored as events', () => {
        const subject = contract.filter().replaceAll('*', 'token')
        expect(STREAMS.filter((s) => s.subjects.some((f) => matches(f, subject))).map((s) => s.name)).toEqual([])
      })
    })
  }
})

describe('streams', () => {
  it('list each event subject filter in one stream only', () => {
    const all = STREAMS.flatMap((s) => s.subjects)
    expect(new Set(all).size).toBe(all.length)
  })

  it('give every stream at least one subject', () => {
    expect(STREAMS.filter((s) => s.subjects.length === 0)).toEqual([])
  })

  it('keep messages longer than the two-minute duplicate window', () => {
    expect(STREAMS.filter((s) => s.maxAgeMs < 2 * 60_000)).toEqual([])
  })
})
