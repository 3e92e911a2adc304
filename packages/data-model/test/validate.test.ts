import { describe, expect, it } from 'vitest'
import { loadDataModel, type ValidationResult } from '@acs/data-model'

const tr181 = loadDataModel('Device')
const tr098 = loadDataModel('InternetGatewayDevice')

function rejection(result: ValidationResult): { code: number; message: string } {
  if (result.ok) throw new Error('expected the value to be rejected')
  return { code: result.code, message: result.message }
}

describe('validate: accepted values', () => {
  it('accepts an in-range unsignedInt and returns the xsd type to send', () => {
    expect(tr181.validate('Device.ManagementServer.PeriodicInformInterval', '300')).toEqual({ ok: true, xsdType: 'xsd:unsignedInt' })
  })

  it('accepts a value on a concrete instance path', () => {
    expect(tr181.validate('Device.WiFi.SSID.2.SSID', 'guest-network')).toEqual({ ok: true, xsdType: 'xsd:string' })
  })

  it('accepts a value on an aliased path', () => {
    expect(tr181.validate('Device.WiFi.SSID.[guest].Enable', 'true').ok).toBe(true)
  })

  it('accepts both boolean forms', () => {
    expect([tr181.validate('Device.WiFi.SSID.1.Enable', '1').ok, tr181.validate('Device.WiFi.SSID.1.Enable', 'false').ok]).toEqual([true, true])
  })

  it('accepts a settable DiagnosticsState value', () => {
    expect(tr181.validate('Device.IP.Diagnostics.IPPing.DiagnosticsState', 'Requested').ok).toBe(true)
  })

  it('accepts a list and says to send it as xsd:string', () => {
    expect(tr181.validate('Device.Bridging.Bridge.1.Port.1.PriorityRegeneration', '0,1,2,3,4,5,6,7')).toEqual({ ok: true, xsdType: 'xsd:string' })
  })

  it('accepts a TR-098 enumeration value', () => {
    expect(tr098.validate('InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.BeaconType', 'WPAand11i').ok).toBe(true)
  })

  it('accepts the "unknown time" dateTime', () => {
    expect(tr181.validate('Device.ManagementServer.PeriodicInformTime', '0001-01-01T00:00:00Z').ok).toBe(true)
  })

  it('accepts a dateTime with an offset and fractional seconds', () => {
    expect(tr181.validate('Device.ManagementServer.PeriodicInformTime', '2024-02-29T23:59:59.5+01:00').ok).toBe(true)
  })

  it('accepts the type name with or without the xsd: prefix', () => {
    const results = ['xsd:unsignedInt', 'unsignedInt'].map((type) => tr181.validate('Device.ManagementServer.PeriodicInformInterval', '60', type).ok)
    expect(results).toEqual([true, true])
  })

  it('accepts setting a write-once Alias', () => {
    expect(tr181.validate('Device.WiFi.SSID.1.Alias', 'cpe-guest').ok).toBe(true)
  })

  it('accepts the BBF default of every writable parameter, except values only the CPE may report', () => {
    const failures = [...tr181.parameters(), ...tr098.parameters()]
      .filter((p) => p.writable && p.default !== undefined)
      .filter((p) => {
        const model = p.path.startsWith('Device.') ? tr181 : tr098
        return !model.validate(p.path, p.default ?? '').ok && !p.readOnlyValues?.includes(p.default ?? '')
      })
      .map((p) => p.path)
    expect(failures).toEqual([])
  })
})

describe('validate: fault codes', () => {
  it('answers 9005 for an unknown parameter', () => {
    expect(rejection(tr181.validate('Device.ManagementServer.Nope', '1'))).toEqual({
      code: 9005,
      message: 'Device.ManagementServer.Nope is not a parameter of Device:2.17',
    })
  })

  it('answers 9005 for an object path', () => {
    expect(rejection(tr181.validate('Device.ManagementServer.', '1')).code).toBe(9005)
  })

  it('answers 9005 for a malformed path', () => {
    expect(rejection(tr181.validate('Device.WiFi.SSID.0.SSID', 'x')).code).toBe(9005)
  })

  it('answers 9005 for a name of the other root', () => {
    expect(rejection(tr098.validate('Device.ManagementServer.PeriodicInformInterval', '60')).code).toBe(9005)
  })

  it('answers 9008 for a read-only parameter', () => {
    expect(rejection(tr181.validate('Device.DeviceInfo.SoftwareVersion', '1.0'))).toEqual({
      code: 9008,
      message: 'Device.DeviceInfo.SoftwareVersion is read-only',
    })
  })

  it('answers 9006 when the given xsd type differs from the model', () => {
    expect(rejection(tr181.validate('Device.ManagementServer.PeriodicInformInterval', '60', 'xsd:string'))).toEqual({
      code: 9006,
      message: 'Device.ManagementServer.PeriodicInformInterval takes xsd:unsignedInt, not xsd:string',
    })
  })

  it('answers 9007 below the minimum, naming the parameter and the allowed range', () => {
    expect(rejection(tr181.validate('Device.ManagementServer.PeriodicInformInterval', '0'))).toEqual({
      code: 9007,
      message: 'Device.ManagementServer.PeriodicInformInterval: 0 is out of range; allowed: 1 or more',
    })
  })

  it('answers 9007 outside every one of several ranges', () => {
    expect(rejection(tr181.validate('Device.WiFi.SSID.1.MLDUnit', '25')).message).toBe('Device.WiFi.SSID.1.MLDUnit: 25 is out of range; allowed: -1, 0 to 24')
  })

  it('answers 9007 for a value off the step of its range', () => {
    expect(rejection(tr181.validate('Device.Bridging.Bridge.1.STP.BridgePriority', '4097')).message).toContain('0 to 61440 in steps of 4096')
  })

  it('accepts a value on the step of its range', () => {
    expect(tr181.validate('Device.Bridging.Bridge.1.STP.BridgePriority', '8192').ok).toBe(true)
  })

  it('answers 9007 for text in an unsignedInt', () => {
    expect(rejection(tr181.validate('Device.ManagementServer.PeriodicInformInterval', '10s')).code).toBe(9007)
  })

  it('answers 9007 for a negative unsignedInt', () => {
    expect(rejection(tr181.validate('Device.ManagementServer.PeriodicInformInterval', '-5')).code).toBe(9007)
  })

  it('answers 9007 above the 32-bit limit of unsignedInt', () => {
    expect(rejection(tr181.validate('Device.ManagementServer.PeriodicInformInterval', '4294967296')).message).toContain('outside the unsignedInt range')
  })

  it('answers 9007 above the 64-bit limit of unsignedLong', () => {
    expect(rejection(tr181.validate('Device.IP.Diagnostics.UploadDiagnostics.TestFileLength', '18446744073709551616')).code).toBe(9007)
  })

  it('answers 9007 for a value outside an enumeration, listing the allowed values', () => {
    expect(rejection(tr098.validate('InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.BeaconType', 'WPA2')).message).toBe(
      'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.BeaconType: "WPA2" is not allowed; allowed: None, Basic, WPA, 11i, BasicandWPA, Basicand11i, WPAand11i, BasicandWPAand11i',
    )
  })

  it('answers 9007 for an enumeration value only the CPE may report', () => {
    expect(rejection(tr181.validate('Device.IP.Diagnostics.IPPing.DiagnosticsState', 'Complete')).message).toContain('can only be reported by the CPE')
  })

  it('answers 9007 for a string over its maximum length', () => {
    expect(rejection(tr181.validate('Device.WiFi.SSID.1.SSID', 'x'.repeat(33))).message).toBe(
      'Device.WiFi.SSID.1.SSID: the value is 33 characters long; allowed: at most 32 characters',
    )
  })

  it('counts characters, not UTF-16 units, against a maximum length', () => {
    expect(tr181.validate('Device.WiFi.SSID.1.SSID', '📶'.repeat(32)).ok).toBe(true)
  })

  it('answers 9007 for a bad boolean', () => {
    expect(rejection(tr181.validate('Device.WiFi.SSID.1.Enable', 'yes')).code).toBe(9007)
  })

  it('answers 9007 for an impossible date', () => {
    expect(rejection(tr181.validate('Device.ManagementServer.PeriodicInformTime', '2025-02-29T00:00:00Z')).code).toBe(9007)
  })

  it('answers 9007 for a value that matches none of the patterns', () => {
    expect(rejection(tr181.validate('Device.DHCPv4.Relay.Forwarding.1.Chaddr', '00:11:22:33:44')).message).toContain('does not match the required format')
  })

  it('accepts the empty string where a pattern allows it', () => {
    expect(tr181.validate('Device.DHCPv4.Relay.Forwarding.1.Chaddr', '').ok).toBe(true)
  })

  it('answers 9007 for a malformed IP address', () => {
    expect(rejection(tr181.validate('Device.DNS.Client.Server.1.DNSServer', '192.0.2')).code).toBe(9007)
  })

  it('answers 9007 for a list with too many items', () => {
    expect(rejection(tr181.validate('Device.Bridging.Bridge.1.Port.1.PriorityRegeneration', '0,1,2,3,4,5,6,7,7')).message).toContain('at most 8 allowed')
  })

  it('answers 9007 for a list item outside its range', () => {
    expect(rejection(tr181.validate('Device.Bridging.Bridge.1.Port.1.PriorityRegeneration', '0,1,2,3,4,5,6,8')).message).toContain('list item "8"')
  })

  it('answers 9007 for a list item outside its enumeration', () => {
    expect(rejection(tr181.validate('Device.Firewall.Chain.1.Rule.1.ConnectionState', 'NEW,BOGUS')).code).toBe(9007)
  })

  it('answers 9007 for a base64 value longer than allowed in decoded bytes', () => {
    expect(rejection(tr098.validate('InternetGatewayDevice.LANDevice.1.LANHostConfigManagement.DHCPConditionalServingPool.1.DHCPOption.1.Value', Buffer.alloc(256).toString('base64'))).message).toContain('256 bytes')
  })

  it('answers 9007 for text that is not base64', () => {
    expect(rejection(tr181.validate('Device.UserInterface.ISPLogo', 'not base64!')).code).toBe(9007)
  })

  it('answers 9007 for a hexBinary value of the wrong length', () => {
    expect(rejection(tr181.validate('Device.MoCA.Interface.1.FreqCurrentMaskSetting', '00ff')).message).toContain('exactly 8 bytes')
  })
})
