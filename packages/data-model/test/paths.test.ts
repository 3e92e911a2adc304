import { describe, expect, it } from 'vitest'
import { loadDataModel, rootOf, toTemplatePath } from '@acs/data-model'

const tr181 = loadDataModel('Device')
const tr098 = loadDataModel('InternetGatewayDevice')

describe('toTemplatePath', () => {
  it('replaces instance numbers with {i}', () => {
    expect(toTemplatePath('Device.WiFi.AccessPoint.1.AssociatedDevice.12.MACAddress')).toBe('Device.WiFi.AccessPoint.{i}.AssociatedDevice.{i}.MACAddress')
  })

  it('replaces bracketed aliases, even ones containing dots, with {i}', () => {
    expect(toTemplatePath('Device.WiFi.SSID.[cpe-guest.5g].SSID')).toBe('Device.WiFi.SSID.{i}.SSID')
  })

  it('keeps the trailing dot of an object path', () => {
    expect(toTemplatePath('Device.NAT.PortMapping.4.')).toBe('Device.NAT.PortMapping.{i}.')
  })

  it('leaves a template path unchanged', () => {
    expect(toTemplatePath('Device.WiFi.SSID.{i}.SSID')).toBe('Device.WiFi.SSID.{i}.SSID')
  })

  it.each([
    ['an empty path', ''],
    ['an empty segment', 'Device..WiFi'],
    ['instance number 0', 'Device.WiFi.SSID.0.SSID'],
    ['a leading zero', 'Device.WiFi.SSID.01.SSID'],
    ['an empty alias', 'Device.WiFi.SSID.[].SSID'],
    ['an unterminated alias', 'Device.WiFi.SSID.[guest'],
    ['text after an alias', 'Device.WiFi.SSID.[guest]x.SSID'],
    ['an instance as the root', '1.WiFi.'],
    ['a space in a name', 'Device.Device Info.'],
  ])('rejects %s', (_what, path) => {
    expect(toTemplatePath(path)).toBeUndefined()
  })
})

describe('rootOf', () => {
  it('recognises the TR-181 root', () => {
    expect(rootOf('Device.DeviceInfo.SoftwareVersion')).toBe('Device')
  })

  it('recognises the TR-098 root', () => {
    expect(rootOf('InternetGatewayDevice.DeviceInfo.')).toBe('InternetGatewayDevice')
  })

  it('returns undefined for any other name', () => {
    expect(rootOf('Services.VoiceService.1.')).toBeUndefined()
  })
})

describe('resolving concrete paths', () => {
  it('resolves an instance number to the {i} entry', () => {
    expect(tr181.lookup('Device.WiFi.SSID.3.SSID')).toBe(tr181.lookup('Device.WiFi.SSID.{i}.SSID'))
  })

  it('resolves an alias to the {i} entry', () => {
    expect(tr181.lookup('Device.WiFi.SSID.[guest].SSID')).toBe(tr181.lookup('Device.WiFi.SSID.{i}.SSID'))
  })

  it('resolves nested TR-098 instances', () => {
    expect(tr098.lookup('InternetGatewayDevice.LANDevice.1.WLANConfiguration.4.BeaconType')?.path).toBe(
      'InternetGatewayDevice.LANDevice.{i}.WLANConfiguration.{i}.BeaconType',
    )
  })

  it('resolves an instance path to its object', () => {
    expect(tr181.lookup('Device.NAT.PortMapping.4.')?.path).toBe('Device.NAT.PortMapping.{i}.')
  })

  it('resolves a table path without instance to the table object', () => {
    expect(tr181.lookup('Device.NAT.PortMapping.')?.path).toBe('Device.NAT.PortMapping.{i}.')
  })

  it('does not resolve an instance number under a single-instance object', () => {
    expect(tr181.lookup('Device.DeviceInfo.1.SoftwareVersion')).toBeUndefined()
  })

  it('does not resolve a table parameter without its instance number', () => {
    expect(tr181.lookup('Device.WiFi.SSID.SSID')).toBeUndefined()
  })
})
