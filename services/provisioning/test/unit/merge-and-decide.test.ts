import { describe, expect, it } from 'vitest'
import { computeDesired } from '../../src/desired/compute-desired.js'
import { decideConvergence, retryDelaySeconds } from '../../src/converge/decide-convergence.js'
import { sameValue } from '../../src/converge/value-equality.js'
import { aFacts, aProfile, renderModelFor } from './builders.js'

const SSID = 'Device.WiFi.SSID.1.SSID'

function desired(profiles: ReturnType<typeof aProfile>[], management = false) {
  return computeDesired({
    facts: aFacts(),
    variables: new Map(),
    secrets: new Map(),
    values: new Map(),
    profiles,
    model: renderModelFor(),
    includeUnknown: false,
    ...(management ? { management: { periodicInformIntervalSeconds: 3600 } } : {}),
  }).state
}

describe('merging profiles by priority', () => {
  it('lets the higher priority win and shows which profile lost', () => {
    const state = desired([aProfile({ id: 'low', priority: 1, parameters: [{ name: SSID, value: 'low' }] }), aProfile({ id: 'high', priority: 9, parameters: [{ name: SSID, value: 'high' }] })])
    expect(state.parameters).toEqual([expect.objectContaining({ name: SSID, value: 'high', source: 'high' })])
    expect(state.overrides).toEqual([{ target: SSID, winner: 'high', losers: ['low'] }])
  })

  it('breaks a priority tie by profile id, whatever the order given', () => {
    const a = aProfile({ id: 'a', parameters: [{ name: SSID, value: 'a' }] })
    const b = aProfile({ id: 'b', parameters: [{ name: SSID, value: 'b' }] })
    expect(desired([b, a]).parameters[0]?.value).toBe('a')
    expect(desired([a, b]).parameters[0]?.value).toBe('a')
  })

  it('lets a profile override the default periodic inform interval', () => {
    const state = desired([aProfile({ id: 'p', periodicInform: { intervalSeconds: 120 } })], true)
    expect(state.parameters.find((p) => p.name.endsWith('PeriodicInformInterval'))).toMatchObject({ value: '120', source: 'p' })
  })

  it('leaves out a setting whose variable is not set, and says so', () => {
    const state = desired([aProfile({ id: 'p', parameters: [{ name: SSID, value: '{{var.ssid}}' }] })])
    expect(state.parameters).toEqual([])
    expect(state.problems).toEqual([{ source: 'p', target: SSID, message: 'no value for var.ssid' }])
  })

  it('ignores disabled profiles and profiles of the other root', () => {
    const state = desired([aProfile({ enabled: false, parameters: [{ name: SSID, value: 'x' }] }), aProfile({ dataModelRoot: 'InternetGatewayDevice', parameters: [] })])
    expect(state.sources).toEqual([])
  })
})

describe('deciding convergence', () => {
  const now = new Date('2024-01-01T00:00:00Z')
  const base = { bootstrap: false, digest: 'pX', reportedKey: 'pX', applied: {}, drift: [], now }

  it('does nothing when the device reports the digest as its ParameterKey', () => {
    expect(decideConvergence(base)).toEqual({ converge: false, reason: 'in-desired-state' })
  })

  it('converges when the configuration changed', () => {
    expect(decideConvergence({ ...base, reportedKey: 'pOld' }).reason).toBe('configuration-changed')
  })

  it('does nothing when the digest was verified and the key is the one seen then', () => {
    expect(decideConvergence({ ...base, reportedKey: 'other', applied: { digest: 'pX', parameterKey: 'other' } }).converge).toBe(false)
  })

  it('always converges on bootstrap', () => {
    expect(decideConvergence({ ...base, bootstrap: true }).reason).toBe('bootstrap')
  })

  it('waits for the retry time after a failure of the same configuration', () => {
    const failure = { digest: 'pX', failures: 2, retryAfter: new Date(now.getTime() + 1000) }
    expect(decideConvergence({ ...base, reportedKey: 'pOld', failure }).reason).toBe('backing-off')
    expect(decideConvergence({ ...base, reportedKey: 'pOld', failure, now: new Date(now.getTime() + 2000) }).converge).toBe(true)
  })

  it('doubles the retry delay up to a cap', () => {
    expect([1, 2, 3, 10].map((n) => retryDelaySeconds(n, 60, 600))).toEqual([60, 120, 240, 600])
  })
})

describe('comparing values by type', () => {
  it('treats 1 and true as the same boolean', () => {
    expect(sameValue('xsd:boolean', 'true', '1')).toBe(true)
    expect(sameValue('xsd:boolean', 'true', '0')).toBe(false)
  })

  it('compares integers numerically', () => {
    expect(sameValue('xsd:unsignedInt', '300', ' 0300 ')).toBe(true)
  })

  it('compares strings exactly', () => {
    expect(sameValue('xsd:string', 'a', 'A')).toBe(false)
  })
})
