import { describe, expect, it } from 'vitest'
import { deviceIdOf, informFacts, isBootstrap, isHeartbeat } from '../../src/session/inform-facts.js'

const id = (oui: string, productClass: string, serialNumber: string) => ({ manufacturer: 'X', oui, productClass, serialNumber })

describe('device id', () => {
  it('joins OUI, ProductClass and SerialNumber with dashes', () => {
    expect(deviceIdOf(id('00AABB', 'HGW', 'SN1'))).toBe('00AABB-HGW-SN1')
  })

  it('upper-cases the OUI and drops its separators', () => {
    expect(deviceIdOf(id('00:aa:bb', 'HGW', 'SN1'))).toBe('00AABB-HGW-SN1')
  })

  it('keeps an empty ProductClass as an empty part', () => {
    expect(deviceIdOf(id('00AABB', '', 'SN1'))).toBe('00AABB--SN1')
  })

  it('URL-encodes each part so the key stays unambiguous', () => {
    expect(deviceIdOf(id('00AABB', 'A-B C', 'S/N 1'))).toBe('00AABB-A-B%20C-S%2FN%201')
  })

  it('refuses an Inform without serial number', () => {
    expect(deviceIdOf(id('00AABB', 'HGW', ' '))).toBeNull()
  })
})

describe('inform facts', () => {
  it('reads TR-098 connection-request addresses and firmware version', () => {
    const facts = informFacts([
      { name: 'InternetGatewayDevice.DeviceInfo.SoftwareVersion', value: '1.2', type: 'xsd:string' },
      { name: 'InternetGatewayDevice.ManagementServer.ConnectionRequestURL', value: 'http://10.0.0.1:7547/', type: 'xsd:string' },
      { name: 'InternetGatewayDevice.ManagementServer.UDPConnectionRequestAddress', value: '203.0.113.5:4000', type: 'xsd:string' },
    ])
    expect(facts).toEqual({
      dataModelRoot: 'InternetGatewayDevice',
      softwareVersion: '1.2',
      connectionRequestUrl: 'http://10.0.0.1:7547/',
      udpConnectionRequestAddress: '203.0.113.5:4000',
    })
  })

  it('lets the last of a repeated parameter win', () => {
    const facts = informFacts([
      { name: 'Device.ManagementServer.ConnectionRequestURL', value: 'http://a/', type: 'xsd:string' },
      { name: 'Device.ManagementServer.ConnectionRequestURL', value: 'http://b/', type: 'xsd:string' },
    ])
    expect(facts.connectionRequestUrl).toBe('http://b/')
  })

  it('says unknown for a parameter list without a known root', () => {
    expect(informFacts([])).toEqual({ dataModelRoot: 'unknown' })
  })

  it('recognises a heartbeat-only Inform', () => {
    expect(isHeartbeat([{ eventCode: '14 HEARTBEAT', commandKey: '' }])).toBe(true)
    expect(isHeartbeat([{ eventCode: '14 HEARTBEAT', commandKey: '' }, { eventCode: '1 BOOT', commandKey: '' }])).toBe(false)
  })

  it('recognises a bootstrap', () => {
    expect(isBootstrap([{ eventCode: '1 BOOT', commandKey: '' }, { eventCode: '0 BOOTSTRAP', commandKey: '' }])).toBe(true)
  })
})
