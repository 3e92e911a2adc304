import type { DUStateChangeComplete, Download, GetParameterValuesResponse, TransferComplete } from '@acs/cwmp'
import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { authorizationFor, parseChallenges } from '../../src/http/digest-client.js'
import { Simulator } from '../../src/sim/simulator.js'
import { startFakeAcs, until, type FakeAcs, type SeenInform } from '../support/fake-acs.js'
import { startFileServer, type FileServer } from '../support/file-server.js'

let acs: FakeAcs | undefined
let files: FileServer | undefined
let sim: Simulator | undefined
afterEach(async () => {
  await sim?.stop(200)
  await acs?.close()
  await files?.close()
  sim = acs = files = undefined
})

async function start(devices = 1): Promise<{ acs: FakeAcs; files: FileServer; sim: Simulator; serial: string }> {
  acs = await startFakeAcs()
  files = await startFileServer(undefined, ['/short.bin'])
  sim = await Simulator.start({ url: acs.url, devices, periodicIntervalSeconds: 3600, rebootSeconds: 0, diagnosticsSeconds: 0, seed: 3 })
  const serial = sim.devices[0]?.facts.serial ?? ''
  await until(() => acs?.informs.length === devices && sim?.stats.sessionsOk === devices)
  return { acs, files, sim, serial }
}

const codes = (i: SeenInform | undefined): string[] => (i?.events ?? []).map((e) => (e.commandKey ? `${e.eventCode}/${e.commandKey}` : e.eventCode))
const download = (url: string, commandKey: string, fileType = '1 Firmware Upgrade Image'): Download => ({
  method: 'Download', commandKey, fileType, url, username: '', password: '', fileSize: 0, targetFileName: '', delaySeconds: 0, successUrl: '', failureUrl: '',
})
const transferCompletes = (a: FakeAcs): TransferComplete[] => a.messages.map((m) => m.body).filter((b): b is TransferComplete => b.method === 'TransferComplete')

/** Queues RPCs and wakes the device with a connection request, as an ACS would. */
async function deliver(a: FakeAcs, s: Simulator, serial: string, ...rpcs: Parameters<FakeAcs['queue']>[1][]): Promise<void> {
  for (const rpc of rpcs) a.queue(serial, rpc)
  const device = s.bySerial(serial)
  if (!device) throw new Error('no device')
  const path = `/cr/${serial}`
  const url = `http://127.0.0.1:${s.crPort}${path}`
  const creds = { username: device.managementServer('ConnectionRequestUsername'), password: device.managementServer('ConnectionRequestPassword') }
  // A device busy in another session answers 503; an ACS tries again later.
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = await request(url)
    await first.body.dump()
    const challenge = parseChallenges(first.headers['www-authenticate'])
    if (!challenge) throw new Error('no challenge')
    const res = await request(url, { headers: { authorization: authorizationFor({ challenge, nc: 0 }, creds, 'GET', path) } })
    await res.body.dump()
    if (res.statusCode === 200) return
    if (res.statusCode !== 503) throw new Error(`connection request answered ${res.statusCode}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('device stayed busy')
}

describe('Simulator against a fake ACS', () => {
  it('opens a 6 CONNECTION REQUEST session when woken and answers the queued RPCs', async () => {
    const { acs, sim, serial } = await start()
    await deliver(acs, sim, serial, { method: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.SoftwareVersion'] }, { method: 'AddObject', objectName: 'Device.NAT.PortMapping.', parameterKey: 'pm' })
    await until(() => acs.messages.length === 2)
    expect(codes(acs.informs[1])).toEqual(['6 CONNECTION REQUEST'])
    expect(acs.messages.map((m) => m.body.method)).toEqual(['GetParameterValuesResponse', 'AddObjectResponse'])
  })

  it('installs a firmware image from the file server, reboots into it and reports TransferComplete', async () => {
    const { acs, files, sim, serial } = await start()
    files.files.set('/fw.bin', Buffer.from('version=9.9.9\nbinary...'))
    await deliver(acs, sim, serial, download(`${files.url}/fw.bin`, 'fw-1'))
    const tc = await until(() => transferCompletes(acs)[0])
    const boot = acs.informs.find((i) => codes(i).includes('7 TRANSFER COMPLETE'))
    expect(tc).toMatchObject({ commandKey: 'fw-1', faultStruct: { faultCode: 0 } })
    expect(codes(boot)).toEqual(expect.arrayContaining(['1 BOOT', '7 TRANSFER COMPLETE', 'M Download/fw-1', '4 VALUE CHANGE']))
    expect(boot?.params.find((p) => p.name === 'Device.DeviceInfo.SoftwareVersion')?.value).toBe('9.9.9')
  })

  it.each([
    ['a missing file', 9016, '/missing.bin'],
    ['a file cut short', 9017, '/short.bin'],
    ['an image without a version', 9018, '/noversion'],
  ])('reports %s in TransferComplete with fault %i', async (_what, code, path) => {
    const { acs, files, sim, serial } = await start()
    files.files.set('/short.bin', Buffer.from('version=1.0\n'))
    files.files.set('/noversion', Buffer.from('garbage'))
    await deliver(acs, sim, serial, download(`${files.url}${path}`, 'dl-x'))
    const tc = await until(() => transferCompletes(acs)[0])
    expect(tc.faultStruct.faultCode).toBe(code)
  })

  it('reports an unreachable file server as 9015', async () => {
    const { acs, sim, serial } = await start()
    await deliver(acs, sim, serial, download('http://127.0.0.1:9/fw-2.0.bin', 'dl-u'))
    const tc = await until(() => transferCompletes(acs)[0])
    expect(tc.faultStruct.faultCode).toBe(9015)
  })

  it('uploads its configuration with HTTP PUT', async () => {
    const { acs, files, sim, serial } = await start()
    await deliver(acs, sim, serial, { method: 'Upload', commandKey: 'ul', fileType: '1 Vendor Configuration File', url: `${files.url}/up/cfg`, username: '', password: '', delaySeconds: 0 })
    await until(() => transferCompletes(acs)[0])
    expect(files.uploads.get('/up/cfg')?.toString()).toContain('Device.DeviceInfo.SoftwareVersion=')
  })

  it('reboots after the session and informs 1 BOOT + M Reboot with the CommandKey', async () => {
    const { acs, sim, serial } = await start()
    await deliver(acs, sim, serial, { method: 'Reboot', commandKey: 'rb-7' })
    const inform = await until(() => acs.informs.find((i) => codes(i).includes('M Reboot/rb-7')))
    expect(codes(inform)).toEqual(['1 BOOT', 'M Reboot/rb-7'])
  })

  it('bootstraps again after FactoryReset', async () => {
    const { acs, sim, serial } = await start()
    await deliver(acs, sim, serial, { method: 'SetParameterValues', parameterList: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'x', type: 'xsd:string' }], parameterKey: 'k' }, { method: 'FactoryReset' })
    const inform = await until(() => acs.informs.slice(2).find((i) => codes(i).includes('0 BOOTSTRAP')))
    expect(inform.params.find((p) => p.name === 'Device.ManagementServer.ParameterKey')?.value).toBe('')
  })

  it('runs a ping requested through SetParameterValues and informs 8 DIAGNOSTICS COMPLETE', async () => {
    const { acs, sim, serial } = await start()
    await deliver(acs, sim, serial, {
      method: 'SetParameterValues',
      parameterList: [
        { name: 'Device.IP.Diagnostics.IPPing.Host', value: '192.0.2.1', type: 'xsd:string' },
        { name: 'Device.IP.Diagnostics.IPPing.NumberOfRepetitions', value: '4', type: 'xsd:unsignedInt' },
        { name: 'Device.IP.Diagnostics.IPPing.DiagnosticsState', value: 'Requested', type: 'xsd:string' },
      ],
      parameterKey: 'diag',
    })
    await until(() => acs.informs.find((i) => codes(i).includes('8 DIAGNOSTICS COMPLETE')) && sim.bySerial(serial)?.state === 'idle')
    await deliver(acs, sim, serial, { method: 'GetParameterValues', parameterNames: ['Device.IP.Diagnostics.IPPing.'] })
    const results = await until(() => acs.messages.map((m) => m.body).find((b): b is GetParameterValuesResponse => b.method === 'GetParameterValuesResponse'))
    const value = (n: string): string | undefined => results.parameterList.find((p) => p.name === `Device.IP.Diagnostics.IPPing.${n}`)?.value
    expect([value('DiagnosticsState'), value('SuccessCount')]).toEqual(['Complete', expect.stringMatching(/^[34]$/)])
  })

  it('installs and uninstalls a deployment unit and reports each in DUStateChangeComplete', async () => {
    const { acs, files, sim, serial } = await start()
    files.files.set('/du/speedtest-1.2.ipk', Buffer.from('name=speedtest\nversion=1.2\n'))
    const uuid = '4d6c6d1e-9a1c-4e5d-8f0b-2c1f3a9b7e11'
    await deliver(acs, sim, serial, { method: 'ChangeDUState', operations: [{ type: 'Install', url: `${files.url}/du/speedtest-1.2.ipk`, uuid }], commandKey: 'du-1' })
    const installed = await until(() => acs.messages.map((m) => m.body).find((b): b is DUStateChangeComplete => b.method === 'DUStateChangeComplete'))
    expect(installed.results[0]).toMatchObject({ uuid, version: '1.2', currentState: 'Installed', deploymentUnitRef: 'Device.SoftwareModules.DeploymentUnit.1', fault: { faultCode: 0 } })
    await until(() => sim.bySerial(serial)?.state === 'idle' && sim.bySerial(serial)?.duJobs === undefined)
    await deliver(acs, sim, serial, { method: 'ChangeDUState', operations: [{ type: 'Uninstall', uuid }, { type: 'Uninstall', uuid }], commandKey: 'du-2' })
    const removed = await until(() => acs.messages.map((m) => m.body).filter((b): b is DUStateChangeComplete => b.method === 'DUStateChangeComplete')[1])
    expect(removed.results.map((r) => [r.currentState, r.fault.faultCode])).toEqual([['Uninstalled', 0], ['Failed', 9028]])
  })

  it('informs 3 SCHEDULED + M ScheduleInform after a ScheduleInform delay', async () => {
    const { acs, sim, serial } = await start()
    await deliver(acs, sim, serial, { method: 'ScheduleInform', delaySeconds: 1, commandKey: 'si-1' })
    const inform = await until(() => acs.informs.find((i) => codes(i).includes('3 SCHEDULED')))
    expect(codes(inform)).toEqual(['3 SCHEDULED', 'M ScheduleInform/si-1'])
  })
})
