import type { Fault, GetParameterValuesResponse, ParameterValue } from '@acs/cwmp'
import { describe, expect, it } from 'vitest'
import { getParameterValues, setParameterValues } from '../../src/rpc/parameter-values.js'
import { aDevice } from '../support/devices.js'

const NOW = Date.parse('2025-03-01T10:00:00Z')
const pv = (name: string, value: string, type: ParameterValue['type'] = 'xsd:string'): ParameterValue => ({ name, value, type })
const spv = (parameterList: ParameterValue[], parameterKey = 'k1') => ({ method: 'SetParameterValues' as const, parameterList, parameterKey })

describe('GetParameterValues', () => {
  it('returns a full parameter name with its data-model type', () => {
    const d = aDevice()
    const r = getParameterValues(d, { method: 'GetParameterValues', parameterNames: ['Device.ManagementServer.PeriodicInformInterval'] }, NOW)
    expect(r).toEqual({ method: 'GetParameterValuesResponse', parameterList: [pv('Device.ManagementServer.PeriodicInformInterval', '300', 'xsd:unsignedInt')] })
  })

  it('returns every parameter below a partial path', () => {
    const d = aDevice()
    const r = getParameterValues(d, { method: 'GetParameterValues', parameterNames: ['Device.WiFi.SSID.2.'] }, NOW) as GetParameterValuesResponse
    expect(r.parameterList.map((p) => p.name)).toContain('Device.WiFi.SSID.2.SSID')
    expect(r.parameterList.every((p) => p.name.startsWith('Device.WiFi.SSID.2.'))).toBe(true)
  })

  it('faults 9005 when any name is unknown', () => {
    const d = aDevice()
    const r = getParameterValues(d, { method: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.UpTime', 'Device.Nope'] }, NOW) as Fault
    expect(r.detail.faultCode).toBe(9005)
  })

  it('reads hidden parameters back as empty strings', () => {
    const d = aDevice()
    const r = getParameterValues(d, { method: 'GetParameterValues', parameterNames: ['Device.ManagementServer.Password'] }, NOW) as GetParameterValuesResponse
    expect(r.parameterList[0]?.value).toBe('')
  })
})

describe('SetParameterValues', () => {
  it('applies every value and sets ParameterKey when all are valid', () => {
    const d = aDevice()
    const r = setParameterValues(d, spv([pv('Device.ManagementServer.PeriodicInformInterval', '60', 'xsd:unsignedInt'), pv('Device.WiFi.SSID.1.SSID', 'home')]), NOW)
    expect(r).toEqual({ method: 'SetParameterValuesResponse', status: 0 })
    expect(d.tree.get('Device.WiFi.SSID.1.SSID', NOW)?.value).toBe('home')
    expect(d.tree.get('Device.ManagementServer.ParameterKey', NOW)?.value).toBe('k1')
  })

  it('changes nothing, ParameterKey included, when one entry is invalid', () => {
    const d = aDevice()
    const r = setParameterValues(d, spv([pv('Device.WiFi.SSID.1.SSID', 'home'), pv('Device.DeviceInfo.Manufacturer', 'x')]), NOW)
    expect(r.method).toBe('Fault')
    expect(d.tree.get('Device.WiFi.SSID.1.SSID', NOW)?.value).not.toBe('home')
    expect(d.tree.get('Device.ManagementServer.ParameterKey', NOW)?.value).toBe('')
  })

  it('answers 9003 with one SetParameterValuesFault per bad entry, by cause', () => {
    const d = aDevice()
    const r = setParameterValues(
      d,
      spv([
        pv('Device.Nope.X', '1'),
        pv('Device.ManagementServer.PeriodicInformInterval', '60', 'xsd:string'),
        pv('Device.Ethernet.Interface.1.DuplexMode', 'Sideways'),
        pv('Device.DeviceInfo.Manufacturer', 'x'),
        pv('Device.WiFi.SSID.1.SSID', 'fine'),
      ]),
      NOW,
    ) as Fault
    expect(r.detail.faultCode).toBe(9003)
    expect(r.detail.setParameterValuesFault?.map((f) => [f.parameterName, f.faultCode])).toEqual([
      ['Device.Nope.X', 9005],
      ['Device.ManagementServer.PeriodicInformInterval', 9006],
      ['Device.Ethernet.Interface.1.DuplexMode', 9007],
      ['Device.DeviceInfo.Manufacturer', 9008],
    ])
  })

  it('faults 9003 when a name appears twice', () => {
    const d = aDevice()
    const r = setParameterValues(d, spv([pv('Device.WiFi.SSID.1.SSID', 'a'), pv('Device.WiFi.SSID.1.SSID', 'b')]), NOW) as Fault
    expect(r.detail.faultCode).toBe(9003)
  })

  it('queues a diagnostic when DiagnosticsState is set to Requested', () => {
    const d = aDevice()
    setParameterValues(d, spv([pv('Device.IP.Diagnostics.IPPing.Host', '192.0.2.1'), pv('Device.IP.Diagnostics.IPPing.DiagnosticsState', 'Requested')]), NOW)
    expect(d.takeAfterSession()).toContainEqual({ kind: 'diagnostics', object: 'Device.IP.Diagnostics.IPPing.' })
  })
})
