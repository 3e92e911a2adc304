import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deviceIdFromToken, deviceToken, informV1, rpcResultV1 } from '@acs/contracts'

describe('deviceToken', () => {
  it('round-trips any well-formed string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (id) => deviceIdFromToken(deviceToken(id)) === id))
  })

  it('produces only [A-Za-z0-9_~-]', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (id) => /^[A-Za-z0-9_~-]*$/.test(deviceToken(id))))
  })

  it('maps distinct ids to distinct tokens', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => a === b || deviceToken(a) !== deviceToken(b)))
  })

  it('keeps ordinary OUI-ProductClass-Serial ids readable', () => {
    expect(deviceToken('00D09E-HomeGateway-SN_1')).toBe('00D09E-HomeGateway-SN_1')
  })

  it('escapes the characters that would break a subject', () => {
    expect(deviceToken('a.b c*d>e~')).toBe('a~2Eb~20c~2Ad~3Ee~7E')
  })

  it('is accepted as a subject token for any device id', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1 }), (id) => informV1.subject(deviceToken(id)) === `cwmp.v1.inform.${deviceToken(id)}`),
    )
  })
})

describe('subject builders', () => {
  it.each(['', 'a.b', 'a b', 'a*', '>', 'a\tb'])('reject the token %j', (token) => {
    expect(() => informV1.subject(token)).toThrow(/invalid subject token/)
  })

  it('reject the wrong number of tokens', () => {
    expect(() => (rpcResultV1.subject as (...t: string[]) => string)('only-one')).toThrow(/takes 2 subject tokens/)
  })

  it('turn missing filter tokens into wildcards', () => {
    expect(rpcResultV1.filter('provisioning')).toBe('rpc.v1.result.provisioning.*')
  })
})
