import { describe, expect, it } from 'vitest'
import type { ConvergenceContext, DeviceKnowledge } from '../../src/converge/convergence.js'
import { planAtInform } from '../../src/converge/convergence.js'
import { aFacts, aProfile, renderModelFor } from './builders.js'
import { FakeDevice } from './fake-device.js'
import { runSession } from './session-runner.js'

const MS = 'Device.ManagementServer.'

function aKnowledge(over: Partial<DeviceKnowledge> = {}): DeviceKnowledge {
  return { facts: aFacts(), variables: new Map(), secrets: new Map(), knownValues: new Map(), applied: { writeOnly: new Map() }, ...over }
}

function aTr181Device() {
  return new FakeDevice('Device', {
    [`${MS}PeriodicInformEnable`]: { value: 'false', type: 'xsd:boolean' },
    [`${MS}PeriodicInformInterval`]: { value: '86400', type: 'xsd:unsignedInt' },
    [`${MS}ConnectionRequestUsername`]: '',
    [`${MS}ConnectionRequestPassword`]: { value: '', type: 'xsd:string', hidden: true },
    'Device.WiFi.SSID.1.SSID': 'factory',
    'Device.DeviceInfo.ModelName': 'HG8245H',
    'Device.Ethernet.Interface.1.MACAddress': 'aa:bb:cc:00:11:22',
  }, { 'Device.PPP.Interface.': ['Username', 'Password', 'Enable'] })
}

function aContext(profiles = [aProfile({ parameters: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'net-{{mac | nocolons | last:4}}' }], attributes: [{ name: 'Device.WiFi.SSID.1.SSID', notification: 2 }] })]): ConvergenceContext {
  return { profiles, model: renderModelFor(), management: { periodicInformIntervalSeconds: 300, connectionRequest: { username: 'cr-user', password: 'cr-pass' } } }
}

describe('convergence', () => {
  it('configures a bootstrapping device in at most 3 RPC round trips', () => {
    const device = aTr181Device()
    const { sent } = runSession(aContext(), aKnowledge(), device, true)
    expect(sent.map((r) => r.method)).toEqual(['GetParameterValues', 'SetParameterValues', 'SetParameterAttributes'])
    expect(device.params.get('Device.WiFi.SSID.1.SSID')?.value).toBe('net-1122')
    expect(device.params.get(`${MS}ConnectionRequestPassword`)?.value).toBe('cr-pass')
    expect(device.params.get(`${MS}PeriodicInformInterval`)?.value).toBe('300')
  })

  it('sends no RPC on a periodic inform of a device in its desired state', () => {
    const device = aTr181Device()
    const ctx = aContext()
    const first = runSession(ctx, aKnowledge(), device, true)
    const periodic = runSession(ctx, first.knowledge, device, false)
    expect(periodic.sent).toEqual([])
    expect(periodic.decision.reason).toBe('in-desired-state')
  })

  it('sends no RPC when the device reports the digest as its ParameterKey even if provisioning lost its record', () => {
    const device = aTr181Device()
    const ctx = aContext()
    runSession(ctx, aKnowledge(), device, true)
    expect(runSession(ctx, aKnowledge({ knownValues: new Map([['Device.Ethernet.Interface.1.MACAddress', 'aa:bb:cc:00:11:22']]) }), device, false).sent).toEqual([])
  })

  it('reads, then sets only what differs, when a matching profile changed', () => {
    const device = aTr181Device()
    const first = runSession(aContext(), aKnowledge(), device, true)
    const changed = aContext([aProfile({ parameters: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'renamed' }], attributes: [{ name: 'Device.WiFi.SSID.1.SSID', notification: 2 }] })])
    const { sent } = runSession(changed, first.knowledge, device, false)
    expect(sent.map((r) => r.method)).toEqual(['GetParameterValues', 'SetParameterValues'])
    expect(sent[1]).toMatchObject({ parameterList: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'renamed' }] })
  })

  it('records a device found already in its desired state without writing anything', () => {
    const device = aTr181Device()
    const ctx = aContext([])
    const first = runSession(ctx, aKnowledge(), device, true)
    device.parameterKey = 'someone-else'
    const second = runSession(ctx, first.knowledge, device, false)
    expect(second.sent.map((r) => r.method)).toEqual(['GetParameterValues'])
    expect(runSession(ctx, second.knowledge, device, false).sent).toEqual([])
  })

  it('corrects a drifted value reported in the inform without a read', () => {
    const device = aTr181Device()
    const ctx = aContext()
    const first = runSession(ctx, aKnowledge(), device, true)
    device.params.set(`${MS}PeriodicInformInterval`, { value: '60', type: 'xsd:unsignedInt' })
    const plan = planAtInform(ctx, first.knowledge, { values: new Map([...device.informValues(), [`${MS}PeriodicInformInterval`, '60']]), bootstrap: false, reportedKey: device.parameterKey, now: new Date() })
    expect(plan.decision.reason).toBe('drift')
    expect(plan.next.kind).toBe('read')
  })

  it('adds a missing object instance, then sets its key and values in one SetParameterValues', () => {
    const device = aTr181Device()
    const ctx = aContext([aProfile({ objects: [{ table: 'Device.PPP.Interface.', key: [{ name: 'Username', value: 'u-{{serialNumber}}' }], present: true, parameters: [{ name: 'Enable', value: 'true' }] }] })])
    const { sent } = runSession(ctx, aKnowledge(), device, true)
    expect(sent.map((r) => r.method)).toEqual(['GetParameterValues', 'AddObject', 'SetParameterValues'])
    expect(device.params.get('Device.PPP.Interface.1.Username')?.value).toBe('u-SN0001')
    expect(device.params.get('Device.PPP.Interface.1.Enable')?.value).toBe('true')
  })

  it('leaves an existing instance that matches the key alone when its values are right', () => {
    const device = aTr181Device()
    device.params.set('Device.PPP.Interface.3.Username', { value: 'u1', type: 'xsd:string' })
    device.params.set('Device.PPP.Interface.3.Enable', { value: '1', type: 'xsd:boolean' })
    const ctx = aContext([aProfile({ objects: [{ table: 'Device.PPP.Interface.', key: [{ name: 'Username', value: 'u1' }], present: true, parameters: [{ name: 'Enable', value: 'true' }] }] })])
    const first = runSession(ctx, aKnowledge(), device, true)
    expect(first.sent.some((r) => r.method === 'AddObject')).toBe(false)
  })

  it('deletes every instance that must not exist', () => {
    const device = aTr181Device()
    device.params.set('Device.PPP.Interface.2.Username', { value: 'old', type: 'xsd:string' })
    device.params.set('Device.PPP.Interface.5.Username', { value: 'old', type: 'xsd:string' })
    device.params.set('Device.PPP.Interface.6.Username', { value: 'keep', type: 'xsd:string' })
    const ctx = aContext([aProfile({ objects: [{ table: 'Device.PPP.Interface.', key: [{ name: 'Username', value: 'old' }], present: false }] })])
    const { sent } = runSession(ctx, aKnowledge(), device, false)
    expect(sent.filter((r) => r.method === 'DeleteObject').map((r) => (r as { objectName: string }).objectName)).toEqual(['Device.PPP.Interface.2.', 'Device.PPP.Interface.5.'])
    expect(device.params.has('Device.PPP.Interface.6.Username')).toBe(true)
  })

  it('reaches its desired state for good after adding objects', () => {
    const device = aTr181Device()
    const ctx = aContext([aProfile({ objects: [{ table: 'Device.PPP.Interface.', key: [{ name: 'Username', value: 'u1' }], present: true }] })])
    const first = runSession(ctx, aKnowledge(), device, true)
    expect(runSession(ctx, first.knowledge, device, false).sent).toEqual([])
  })

  it('learns the model name in the bootstrap read before applying a profile that filters on it', () => {
    const device = aTr181Device()
    const ctx = aContext([
      aProfile({ filter: { modelName: 'HG8245H' }, parameters: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'model-match' }] }),
      aProfile({ filter: { modelName: 'Other' }, priority: 5, parameters: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'wrong' }] }),
    ])
    runSession(ctx, aKnowledge(), device, true)
    expect(device.params.get('Device.WiFi.SSID.1.SSID')?.value).toBe('model-match')
  })

  it('configures a TR-098 device with its own management paths', () => {
    const ms = 'InternetGatewayDevice.ManagementServer.'
    const device = new FakeDevice('InternetGatewayDevice', {
      [`${ms}PeriodicInformEnable`]: { value: '0', type: 'xsd:boolean' },
      [`${ms}PeriodicInformInterval`]: { value: '60', type: 'xsd:unsignedInt' },
      'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID': 'x',
    })
    const ctx: ConvergenceContext = {
      profiles: [aProfile({ dataModelRoot: 'InternetGatewayDevice', parameters: [{ name: 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID', value: 'igd-{{serialNumber}}' }] })],
      model: renderModelFor('InternetGatewayDevice'),
      management: { periodicInformIntervalSeconds: 600, connectionRequest: { username: 'u', password: 'p' } },
    }
    const first = runSession(ctx, aKnowledge({ facts: aFacts({ dataModelRoot: 'InternetGatewayDevice' }) }), device, true)
    expect(first.sent.length).toBeLessThanOrEqual(3)
    expect(device.params.get('InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID')?.value).toBe('igd-SN0001')
    expect(device.params.get(`${ms}PeriodicInformInterval`)?.value).toBe('600')
  })

  it('re-sends write-only credentials and attributes on a new bootstrap', () => {
    const device = aTr181Device()
    const ctx = aContext()
    const first = runSession(ctx, aKnowledge(), device, true)
    const again = runSession(ctx, first.knowledge, device, true)
    expect(again.sent.map((r) => r.method)).toEqual(['GetParameterValues', 'SetParameterValues', 'SetParameterAttributes'])
    expect(again.sent[1]).toMatchObject({ parameterList: [{ name: `${MS}ConnectionRequestPassword` }] })
  })
})
