import { loadDataModel } from '@acs/data-model'
import { describe, expect, it } from 'vitest'
import { ProfileValidationError, validateProfile } from '../../src/profiles/validate-profile.js'
import { aProfileInput } from './builders.js'

const tr181 = loadDataModel('Device')
const tr098 = loadDataModel('InternetGatewayDevice')

function problemsOf(fn: () => unknown) {
  try {
    fn()
  } catch (err) {
    if (err instanceof ProfileValidationError) return err.problems
    throw err
  }
  throw new Error('expected a ProfileValidationError')
}

describe('validateProfile', () => {
  it('fills in each value type from the data model', () => {
    const valid = validateProfile(aProfileInput({ parameters: [{ name: 'Device.ManagementServer.PeriodicInformInterval', value: '600' }] }), tr181)
    expect(valid.parameters[0]?.type).toBe('xsd:unsignedInt')
  })

  it('refuses a value out of range and names the parameter', () => {
    const problems = problemsOf(() => validateProfile(aProfileInput({ parameters: [{ name: 'Device.ManagementServer.PeriodicInformInterval', value: '0' }] }), tr181))
    expect(problems).toEqual([expect.objectContaining({ parameter: 'Device.ManagementServer.PeriodicInformInterval', pointer: '/parameters/0/value' })])
  })

  it('refuses a string longer than the model allows', () => {
    const problems = problemsOf(() => validateProfile(aProfileInput({ parameters: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'x'.repeat(40) }] }), tr181))
    expect(problems[0]?.parameter).toBe('Device.WiFi.SSID.1.SSID')
  })

  it('refuses a read-only parameter', () => {
    const problems = problemsOf(() => validateProfile(aProfileInput({ parameters: [{ name: 'Device.DeviceInfo.SoftwareVersion', value: '1' }] }), tr181))
    expect(problems[0]?.message).toMatch(/not writable/)
  })

  it('refuses a path the model does not know', () => {
    const problems = problemsOf(() => validateProfile(aProfileInput({ parameters: [{ name: 'Device.Nope.Thing', value: '1' }] }), tr181))
    expect(problems[0]?.message).toMatch(/not a parameter/)
  })

  it('refuses a path outside the profile root', () => {
    const problems = problemsOf(() => validateProfile(aProfileInput({ parameters: [{ name: 'InternetGatewayDevice.ManagementServer.URL', value: 'http://x' }] }), tr181))
    expect(problems[0]?.message).toMatch(/under Device\./)
  })

  it('accepts a vendor extension only with an explicit type', () => {
    const name = 'Device.X_ACME_Feature'
    expect(problemsOf(() => validateProfile(aProfileInput({ parameters: [{ name, value: '1' }] }), tr181))[0]?.pointer).toBe('/parameters/0/type')
    expect(validateProfile(aProfileInput({ parameters: [{ name, value: '1', type: 'xsd:boolean' }] }), tr181).parameters[0]?.type).toBe('xsd:boolean')
  })

  it('checks the type of a templated value but not its rendered value', () => {
    const valid = validateProfile(aProfileInput({ parameters: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'net-{{serialNumber}}' }] }), tr181)
    expect(valid.parameters[0]?.type).toBe('xsd:string')
  })

  it('refuses a template with an unknown reference', () => {
    const problems = problemsOf(() => validateProfile(aProfileInput({ parameters: [{ name: 'Device.WiFi.SSID.1.SSID', value: '{{nope}}' }] }), tr181))
    expect(problems[0]?.pointer).toBe('/parameters/0/value')
  })

  it('validates object rules: table, key and values', () => {
    const valid = validateProfile(
      aProfileInput({ objects: [{ table: 'Device.PPP.Interface.', key: [{ name: 'Username', value: 'u1' }], present: true, parameters: [{ name: 'Enable', value: 'true' }] }] }),
      tr181,
    )
    expect(valid.objects[0]?.parameters?.[0]?.type).toBe('xsd:boolean')
  })

  it('refuses an object rule on something that is not a table', () => {
    const problems = problemsOf(() => validateProfile(aProfileInput({ objects: [{ table: 'Device.ManagementServer.', key: [{ name: 'URL', value: 'x' }], present: true }] }), tr181))
    expect(problems[0]?.parameter).toBe('Device.ManagementServer.')
  })

  it('validates TR-098 tables under concrete parent instances', () => {
    const valid = validateProfile(
      aProfileInput({
        dataModelRoot: 'InternetGatewayDevice',
        objects: [{ table: 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.', key: [{ name: 'Username', value: 'u' }], present: true, parameters: [{ name: 'Password', value: 'p' }] }],
      }),
      tr098,
    )
    expect(valid.objects[0]?.key[0]?.type).toBe('xsd:string')
  })

  it('refuses a parameter set twice', () => {
    const p = { name: 'Device.WiFi.SSID.1.SSID', value: 'a' }
    expect(problemsOf(() => validateProfile(aProfileInput({ parameters: [p, p] }), tr181))[0]?.message).toMatch(/twice/)
  })

  it('refuses a periodic-inform setting that repeats a parameter', () => {
    const problems = problemsOf(() =>
      validateProfile(aProfileInput({ periodicInform: { intervalSeconds: 60 }, parameters: [{ name: 'Device.ManagementServer.PeriodicInformInterval', value: '60' }] }), tr181),
    )
    expect(problems[0]?.pointer).toBe('/periodicInform')
  })

  it('refuses turning off a forced active notification', () => {
    const problems = problemsOf(() => validateProfile(aProfileInput({ attributes: [{ name: 'Device.DeviceInfo.SoftwareVersion', notification: 0 }] }), tr181))
    expect(problems[0]?.pointer).toBe('/attributes/0/notification')
  })
})
