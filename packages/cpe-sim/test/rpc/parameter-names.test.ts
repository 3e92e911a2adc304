import type { Fault, GetParameterNamesResponse } from '@acs/cwmp'
import { describe, expect, it } from 'vitest'
import { getParameterNames } from '../../src/rpc/parameter-names.js'
import { aDevice } from '../support/devices.js'

const gpn = (parameterPath: string, nextLevel: boolean) => ({ method: 'GetParameterNames' as const, parameterPath, nextLevel })

describe('GetParameterNames', () => {
  it('returns only the root object for "" with NextLevel true', () => {
    const r = getParameterNames(aDevice('tr098'), gpn('', true))
    expect(r).toEqual({ method: 'GetParameterNamesResponse', parameterList: [{ name: 'InternetGatewayDevice.', writable: false }] })
  })

  it('lists the direct children of a table with NextLevel true: its instances', () => {
    const r = getParameterNames(aDevice(), gpn('Device.WiFi.SSID.', true)) as GetParameterNamesResponse
    expect(r.parameterList.map((p) => p.name)).toEqual(['Device.WiFi.SSID.1.', 'Device.WiFi.SSID.2.', 'Device.WiFi.SSID.3.', 'Device.WiFi.SSID.4.'])
  })

  it('lists parameters and child objects, not grandchildren, of an object with NextLevel true', () => {
    const r = getParameterNames(aDevice(), gpn('Device.WiFi.AccessPoint.1.', true)) as GetParameterNamesResponse
    const names = r.parameterList.map((p) => p.name)
    expect(names).toContain('Device.WiFi.AccessPoint.1.SSIDReference')
    expect(names).toContain('Device.WiFi.AccessPoint.1.Security.')
    expect(names).not.toContain('Device.WiFi.AccessPoint.1.Security.ModeEnabled')
  })

  it('lists the object itself and its whole subtree with NextLevel false', () => {
    const r = getParameterNames(aDevice(), gpn('Device.WiFi.AccessPoint.1.', false)) as GetParameterNamesResponse
    const names = r.parameterList.map((p) => p.name)
    expect(names[0]).toBe('Device.WiFi.AccessPoint.1.')
    expect(names).toContain('Device.WiFi.AccessPoint.1.Security.ModeEnabled')
  })

  it('marks writable tables and parameters as writable', () => {
    const r = getParameterNames(aDevice(), gpn('Device.NAT.', true)) as GetParameterNamesResponse
    expect(r.parameterList).toContainEqual({ name: 'Device.NAT.PortMapping.', writable: true })
    expect(r.parameterList).toContainEqual({ name: 'Device.NAT.PortMappingNumberOfEntries', writable: false })
  })

  it('faults 9003 for a parameter name with NextLevel true', () => {
    const r = getParameterNames(aDevice(), gpn('Device.DeviceInfo.UpTime', true)) as Fault
    expect(r.detail.faultCode).toBe(9003)
  })

  it('faults 9005 for a path the device does not have', () => {
    const r = getParameterNames(aDevice(), gpn('Device.WiFi.SSID.9.', false)) as Fault
    expect(r.detail.faultCode).toBe(9005)
  })
})
