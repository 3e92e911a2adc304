import type { Fault, GetParameterAttributesResponse, SetParameterAttribute } from '@acs/cwmp'
import { describe, expect, it } from 'vitest'
import { getParameterAttributes, setParameterAttributes } from '../../src/rpc/parameter-attributes.js'
import { aDevice } from '../support/devices.js'

const attr = (name: string, notification: number): SetParameterAttribute => ({ name, notificationChange: true, notification, accessListChange: false, accessList: [] })
const gpa = (...parameterNames: string[]) => ({ method: 'GetParameterAttributes' as const, parameterNames })

describe('SetParameterAttributes and GetParameterAttributes', () => {
  it('stores a notification that GetParameterAttributes then reports', () => {
    const d = aDevice()
    expect(setParameterAttributes(d, { method: 'SetParameterAttributes', parameterList: [attr('Device.WiFi.SSID.1.SSID', 2)] })).toEqual({ method: 'SetParameterAttributesResponse' })
    const r = getParameterAttributes(d, gpa('Device.WiFi.SSID.1.SSID')) as GetParameterAttributesResponse
    expect(r.parameterList).toEqual([{ name: 'Device.WiFi.SSID.1.SSID', notification: 2, accessList: [] }])
  })

  it('reports forced active notification by default', () => {
    const r = getParameterAttributes(aDevice(), gpa('Device.DeviceInfo.SoftwareVersion')) as GetParameterAttributesResponse
    expect(r.parameterList[0]?.notification).toBe(2)
  })

  it('faults 9009 when a forced-notification parameter is set to off', () => {
    const r = setParameterAttributes(aDevice(), { method: 'SetParameterAttributes', parameterList: [attr('Device.DeviceInfo.SoftwareVersion', 0)] }) as Fault
    expect(r.detail.faultCode).toBe(9009)
  })

  it('faults 9009 when active notification is asked for a parameter that may deny it', () => {
    const r = setParameterAttributes(aDevice(), { method: 'SetParameterAttributes', parameterList: [attr('Device.DeviceInfo.UpTime', 2)] }) as Fault
    expect(r.detail.faultCode).toBe(9009)
  })

  it('applies nothing when one entry of the request is refused', () => {
    const d = aDevice()
    setParameterAttributes(d, { method: 'SetParameterAttributes', parameterList: [attr('Device.WiFi.SSID.1.SSID', 1), attr('Device.DeviceInfo.UpTime', 2)] })
    const r = getParameterAttributes(d, gpa('Device.WiFi.SSID.1.SSID')) as GetParameterAttributesResponse
    expect(r.parameterList[0]?.notification).toBe(0)
  })

  it('skips parameters that refuse the value under a partial path', () => {
    const d = aDevice()
    setParameterAttributes(d, { method: 'SetParameterAttributes', parameterList: [attr('Device.DeviceInfo.', 1)] })
    const r = getParameterAttributes(d, gpa('Device.DeviceInfo.SoftwareVersion', 'Device.DeviceInfo.ModelName')) as GetParameterAttributesResponse
    expect(r.parameterList.map((p) => p.notification)).toEqual([2, 1])
  })

  it('faults 9005 for an unknown name', () => {
    const r = getParameterAttributes(aDevice(), gpa('Device.Nope.')) as Fault
    expect(r.detail.faultCode).toBe(9005)
  })
})
