import type { AddObjectResponse, Fault } from '@acs/cwmp'
import { describe, expect, it } from 'vitest'
import { addObject, deleteObject } from '../../src/rpc/objects.js'
import { aDevice } from '../support/devices.js'

const NOW = Date.now()

describe('AddObject', () => {
  it('creates instance 1 of an empty writable table with its default parameters', () => {
    const d = aDevice()
    const r = addObject(d, { method: 'AddObject', objectName: 'Device.NAT.PortMapping.', parameterKey: 'pm-1' })
    expect(r).toEqual({ method: 'AddObjectResponse', instanceNumber: 1, status: 0 })
    expect(d.tree.get('Device.NAT.PortMapping.1.Enable', NOW)).toEqual({ value: 'false', type: 'xsd:boolean' })
    expect(d.tree.get('Device.NAT.PortMappingNumberOfEntries', NOW)?.value).toBe('1')
  })

  it('sets ParameterKey when it succeeds', () => {
    const d = aDevice()
    addObject(d, { method: 'AddObject', objectName: 'Device.NAT.PortMapping.', parameterKey: 'pm-1' })
    expect(d.tree.get('Device.ManagementServer.ParameterKey', NOW)?.value).toBe('pm-1')
  })

  it('numbers new instances after the existing ones and never reuses a deleted number', () => {
    const d = aDevice()
    const first = addObject(d, { method: 'AddObject', objectName: 'Device.IP.Interface.', parameterKey: '' }) as AddObjectResponse
    deleteObject(d, { method: 'DeleteObject', objectName: `Device.IP.Interface.${first.instanceNumber}.`, parameterKey: '' })
    const second = addObject(d, { method: 'AddObject', objectName: 'Device.IP.Interface.', parameterKey: '' }) as AddObjectResponse
    expect([first.instanceNumber, second.instanceNumber]).toEqual([3, 4])
  })

  it('faults 9005 for a table the ACS may not add to, and leaves ParameterKey alone', () => {
    const d = aDevice()
    const r = addObject(d, { method: 'AddObject', objectName: 'Device.Hosts.Host.', parameterKey: 'x' }) as Fault
    expect(r.detail.faultCode).toBe(9005)
    expect(d.tree.get('Device.ManagementServer.ParameterKey', NOW)?.value).toBe('')
  })
})

describe('DeleteObject', () => {
  it('removes an instance and everything below it', () => {
    const d = aDevice()
    const r = deleteObject(d, { method: 'DeleteObject', objectName: 'Device.IP.Interface.2.', parameterKey: 'del' })
    expect(r).toEqual({ method: 'DeleteObjectResponse', status: 0 })
    expect(d.tree.node('Device.IP.Interface.2.IPv4Address.1.IPAddress')).toBeUndefined()
    expect(d.tree.get('Device.IP.InterfaceNumberOfEntries', NOW)?.value).toBe('1')
  })

  it('faults 9005 for an instance that does not exist', () => {
    const r = deleteObject(aDevice(), { method: 'DeleteObject', objectName: 'Device.NAT.PortMapping.7.', parameterKey: 'x' }) as Fault
    expect(r.detail.faultCode).toBe(9005)
  })
})
