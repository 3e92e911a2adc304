import { describe, expect, it } from 'vitest'
import { backoffMs } from '@acs/bus'
import { encodeKvKey } from '../src/kv-key.js'
import { filtersOverlap, filterWithin, subjectMatches } from '../src/subject-match.js'

describe('subjectMatches', () => {
  it.each([
    ['a.*.c', 'a.b.c', true],
    ['a.*', 'a.b.c', false],
    ['a.>', 'a.b.c', true],
    ['a.>', 'a', false],
    ['a.b', 'a.b', true],
    ['a.b', 'a.c', false],
  ])('%s against %s is %s', (filter, subject, expected) => {
    expect(subjectMatches(filter, subject)).toBe(expected)
  })
})

describe('filtersOverlap', () => {
  it.each([
    ['a.*', 'a.x', true],
    ['a.x', 'a.y', false],
    ['a.>', 'a.b.c', true],
    ['a.*', 'a.b.c', false],
    ['*.b', 'a.*', true],
  ])('%s and %s overlap: %s', (x, y, expected) => {
    expect(filtersOverlap(x, y)).toBe(expected)
    expect(filtersOverlap(y, x)).toBe(expected)
  })
})

describe('filterWithin', () => {
  it.each([
    ['rpc.v1.result.svc.*', 'rpc.v1.result.*.*', true],
    ['rpc.v1.result.*.*', 'rpc.v1.result.*.*', true],
    ['rpc.v1.>', 'rpc.v1.result.*.*', false],
    ['rpc.v1.result.*', 'rpc.v1.result.*.*', false],
    ['a.b.c', 'a.>', true],
  ])('%s inside %s: %s', (inner, outer, expected) => {
    expect(filterWithin(inner, outer)).toBe(expected)
  })
})

describe('backoffMs', () => {
  it('doubles from 250 ms per failed delivery', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([250, 500, 1000, 2000])
  })

  it('never exceeds 30 s', () => {
    expect(backoffMs(50)).toBe(30_000)
  })
})

describe('encodeKvKey', () => {
  it('keeps safe characters and escapes the rest reversibly', () => {
    expect(encodeKvKey('Dev_1-a')).toBe('Dev_1-a')
    expect(encodeKvKey('a.b=c')).toBe('a=2Eb=3Dc')
  })

  it('maps distinct keys to distinct encodings', () => {
    expect(encodeKvKey('a.b')).not.toBe(encodeKvKey('a=2Eb'))
  })
})
