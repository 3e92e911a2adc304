import { describe, expect, it } from 'vitest'
import { deviceFacts } from '../../src/device/device-facts.js'
import { aDevice, profileOf } from '../support/devices.js'

describe('device profiles', () => {
  it.each(['tr181', 'tr098'] as const)('%s has hundreds of parameters from the data model', (name) => {
    expect(profileOf(name).params.size).toBeGreaterThan(500)
  })

  it.each(['tr181', 'tr098'] as const)('every writable %s value the ACS could read back validates against the data model', (name) => {
    const d = aDevice(name)
    const bad: string[] = []
    for (const p of d.profile.params.values()) {
      if (!p.def.writable || p.def.hidden || p.def.name === 'DiagnosticsState') continue
      const v = d.tree.get(p.path, Date.now())
      const check = d.profile.model.validate(p.path, v?.value ?? '', v?.type)
      if (!check.ok) bad.push(check.message)
    }
    expect(bad).toEqual([])
  })

  it('gives every device its own serial number, MAC and WAN address, the same on every run', () => {
    const p = profileOf('tr181')
    const a = deviceFacts(p, 7, 1)
    const b = deviceFacts(p, 7, 2)
    expect(a).toEqual(deviceFacts(p, 7, 1))
    expect([a.serial, a.macBase, a.wanIp]).not.toEqual([b.serial, b.macBase, b.wanIp])
  })

  it('puts the forced inform parameters of TR-098 in the profile, default WAN address included', () => {
    expect(profileOf('tr098').forcedInform).toContain('InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress')
  })
})
