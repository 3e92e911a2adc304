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
    ['a.b', 'a.b.c', false],
    ['a.b.c', 'a.b', false],
    ['a.bc', 'a.b', false],
    ['a.b', 'a.bc', false],
    ['*', 'a', true],
    ['*', 'a.b', false],
    ['>', 'a.b', true],
    ['a.*.>', 'a.b', false],
    ['a.*.>', 'a.b.c.d', true],
    ['cwmp.v1.inform.*', 'cwmp.v1.inform.dev_2d1', true],
    ['cwmp.v1.inform.*', 'cwmp.v1.informs.dev', false],
  ])('%s against %s is %s', (filter, subject, expected) => {
    expect(subjectMatches(filter, subject)).toBe(expected)
  })
})

it('agrees with a token-by-token reference on generated filters and subjects', () => {
  const tokens = ['a', 'b', 'ab', '*', '>']
  const reference = (filter: string, subject: string): boolean => {
    const f = filter.split('.')
    const s = subject.split('.')
    for (let i = 0; i < f.length; i++) {
      if (f[i] === '>') return s.length > i
      if (i >= s.length) return false
      if (f[i] !== '*' && f[i] !== s[i]) return false
    }
    return f.length === s.length
  }
  const all = (n: number, pool: string[]): string[] => (n === 1 ? pool : all(n - 1, pool).flatMap((p) => pool.map((t) => `${p}.${t}`)))
  const filters = [1, 2, 3].flatMap((n) => all(n, tokens)).filter((f) => !f.slice(0, -1).includes('>'))
  const subjects = [1, 2, 3, 4].flatMap((n) => all(n, ['a', 'b', 'ab']))
  let compared = 0
  for (const f of filters) {
    for (const s of subjects) {
      expect(subjectMatches(f, s), `${f} vs ${s}`).toBe(reference(f, s))
      compared++
    }
  }
  expect(compared).toBeGreaterThan(10_000)
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
