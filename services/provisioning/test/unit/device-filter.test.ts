import { describe, expect, it } from 'vitest'
import { matchFilter } from '../../src/profiles/device-filter.js'
import { aFacts } from './builders.js'

describe('matchFilter', () => {
  it('matches every device with an empty filter', () => {
    expect(matchFilter({}, aFacts())).toBe('match')
  })

  it('matches an exact OUI and rejects another', () => {
    expect(matchFilter({ oui: '00D09E' }, aFacts())).toBe('match')
    expect(matchFilter({ oui: '001122' }, aFacts())).toBe('no-match')
  })

  it('matches any of a list, a prefix and a glob', () => {
    expect(matchFilter({ productClass: { in: ['X', 'HG8245'] } }, aFacts())).toBe('match')
    expect(matchFilter({ softwareVersion: { prefix: '1.2.' } }, aFacts())).toBe('match')
    expect(matchFilter({ softwareVersion: { glob: '1.?.*' } }, aFacts())).toBe('match')
    expect(matchFilter({ softwareVersion: { glob: '2.*' } }, aFacts())).toBe('no-match')
  })

  it('treats glob metacharacters other than * and ? literally', () => {
    expect(matchFilter({ serialNumber: { glob: 'SN(0)*' } }, aFacts({ serialNumber: 'SN(0)1' }))).toBe('match')
    expect(matchFilter({ serialNumber: { glob: 'SN.*' } }, aFacts({ serialNumber: 'SNX1' }))).toBe('no-match')
  })

  it('requires all, any and none of the tags', () => {
    const facts = aFacts({ tags: ['gold', 'north'] })
    expect(matchFilter({ tags: { all: ['gold', 'north'] } }, facts)).toBe('match')
    expect(matchFilter({ tags: { any: ['south', 'north'] } }, facts)).toBe('match')
    expect(matchFilter({ tags: { none: ['gold'] } }, facts)).toBe('no-match')
    expect(matchFilter({ tags: { all: ['gold', 'south'] } }, facts)).toBe('no-match')
  })

  it('answers unknown when a condition needs a fact not learned yet', () => {
    expect(matchFilter({ modelName: 'HG8245H' }, aFacts())).toBe('unknown')
  })

  it('answers no-match rather than unknown when a known fact already fails', () => {
    expect(matchFilter({ modelName: 'HG8245H', oui: 'FFFFFF' }, aFacts())).toBe('no-match')
  })

  it('matches on the data-model root', () => {
    expect(matchFilter({ dataModelRoot: 'InternetGatewayDevice' }, aFacts())).toBe('no-match')
  })
})
