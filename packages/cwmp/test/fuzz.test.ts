import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ALL_METHODS, CwmpParseError, decodeEnvelope, encodeEnvelope } from '@acs/cwmp'
import { bodyArb, envelopeArb } from './support/arbitraries.js'
import { corpusAvailable, corpusEntries, corpusFile } from './support/corpus.js'
import { byteFlipsArb, flipBytes, mutationsArb } from './support/mutations.js'
import { SAMPLE_BODIES, envelopeOf } from './support/samples.js'

/** Decodes and reports how it ended: 'ok', or the CwmpParseError; anything else is rethrown. */
function decodeOutcome(input: string | Uint8Array): 'ok' | CwmpParseError {
  try {
    decodeEnvelope(input)
    return 'ok'
  } catch (err) {
    if (err instanceof CwmpParseError) return err
    throw err
  }
}

/** The property every mutated input must satisfy: success, or a CwmpParseError that is not an internal bug. */
function expectOnlyParseErrors(input: string | Uint8Array): void {
  const outcome = decodeOutcome(input)
  if (outcome !== 'ok') {
    expect([8000, 8003, 8004]).toContain(outcome.fault)
    expect(outcome.message).not.toMatch(/^internal decoder error/)
  }
}

const ownEncodings = ALL_METHODS.map((m) => encodeEnvelope(envelopeOf(SAMPLE_BODIES[m])))
const corpusSources = corpusAvailable()
  ? corpusEntries().filter((e) => e.well_formed).map((e) => corpusFile(e).toString('utf8')).filter((xml) => xml.length < 20_000)
  : []

describe('codec properties', () => {
  it('round-trips generated envelopes of every method', () => {
    fc.assert(
      fc.property(envelopeArb, (envelope) => {
        expect(decodeEnvelope(encodeEnvelope(envelope))).toStrictEqual(envelope)
      }),
      { numRuns: 1500 },
    )
  })

  it('generates every method (the arbitrary covers the whole model)', () => {
    const seen = new Set<string>()
    fc.assert(fc.property(bodyArb, (body) => { seen.add(body.method) }), { numRuns: 3000, seed: 42 })
    expect([...seen].sort()).toEqual([...ALL_METHODS].sort())
  })

  it('never throws anything but CwmpParseError on mutated encodings of every method', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ownEncodings), mutationsArb, (xml, mutations) => {
        expectOnlyParseErrors(mutations.reduce((acc, m) => m(acc), xml))
      }),
      { numRuns: 2500 },
    )
  })

  it.skipIf(corpusSources.length === 0)('never throws anything but CwmpParseError on mutated corpus messages', () => {
    fc.assert(
      fc.property(fc.constantFrom(...corpusSources), mutationsArb, (xml, mutations) => {
        expectOnlyParseErrors(mutations.reduce((acc, m) => m(acc), xml))
      }),
      { numRuns: 2500 },
    )
  })

  it('never throws anything but CwmpParseError on byte-damaged messages', () => {
    const sources = [...ownEncodings, ...corpusSources].map((xml) => new TextEncoder().encode(xml))
    fc.assert(
      fc.property(fc.constantFrom(...sources), byteFlipsArb, (bytes, flips) => {
        expectOnlyParseErrors(flipBytes(bytes, flips))
      }),
      { numRuns: 1000 },
    )
  })
})
