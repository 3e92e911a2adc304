import type { GetParameterValuesResponse } from '@acs/cwmp'
import { Client } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import type { SimDevice } from '../../src/device/sim-device.js'
import { runSession } from '../../src/session/run-session.js'
import { aDevice } from '../support/devices.js'
import { startFakeAcs, type FakeAcs, type FakeAcsOptions } from '../support/fake-acs.js'

let acs: FakeAcs | undefined
const clients: Client[] = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
  await acs?.close()
})

async function setup(options: FakeAcsOptions = {}): Promise<{ acs: FakeAcs; device: SimDevice; run: () => ReturnType<typeof runSession> }> {
  acs = await startFakeAcs(options)
  const device = aDevice('tr181', { acsUrl: acs.url })
  const run = () =>
    runSession(device, {
      dispatcher: (origin) => {
        const c = new Client(origin)
        clients.push(c)
        return c
      },
      now: Date.now,
      timeoutMs: 5_000,
    })
  return { acs, device, run }
}

describe('runSession', () => {
  it('opens with 0 BOOTSTRAP + 1 BOOT and the forced inform parameters', async () => {
    const { acs, run } = await setup()
    expect(await run()).toEqual({ ok: true })
    expect(acs.informs[0]?.events.map((e) => e.eventCode)).toEqual(['0 BOOTSTRAP', '1 BOOT'])
    expect(acs.informs[0]?.params.map((p) => p.name)).toContain('Device.ManagementServer.ConnectionRequestURL')
  })

  it('clears delivered events once the ACS answered the Inform', async () => {
    const { device, run } = await setup()
    await run()
    expect(device.events.size).toBe(0)
  })

  it('keeps its events when the ACS answers the Inform with fault 8005', async () => {
    const { device, run } = await setup({ faultInform: (n) => (n === 0 ? 8005 : undefined) })
    const first = await run()
    expect(first).toMatchObject({ ok: false, faultCode: 8005, informAcked: false })
    expect(device.events.pending().map((e) => e.eventCode)).toEqual(['0 BOOTSTRAP', '1 BOOT'])
  })

  it('sends the retained events and its RetryCount in the next attempt', async () => {
    const { acs, device, run } = await setup({ faultInform: (n) => (n === 0 ? 8005 : undefined) })
    await run()
    device.retryCount = 1
    expect(await run()).toEqual({ ok: true })
    expect(acs.informs[1]).toMatchObject({ retryCount: 1, events: [{ eventCode: '0 BOOTSTRAP' }, { eventCode: '1 BOOT' }] })
  })

  it('answers queued RPCs with their cwmp:ID and ends on 204', async () => {
    const { acs, device, run } = await setup()
    acs.queue(device.facts.serial, { method: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.SerialNumber'] })
    acs.queue(device.facts.serial, { method: 'SetParameterValues', parameterList: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'x', type: 'xsd:string' }], parameterKey: 'p1' })
    expect(await run()).toEqual({ ok: true })
    expect(acs.messages.map((m) => m.body.method)).toEqual(['GetParameterValuesResponse', 'SetParameterValuesResponse'])
    expect((acs.messages[0]?.body as GetParameterValuesResponse).parameterList[0]?.value).toBe(device.facts.serial)
  })

  it('authenticates with Digest using ManagementServer.Username and Password', async () => {
    const { acs, device, run } = await setup({ digest: { username: 'cpe-SIM0070000000', password: 'secret' } })
    expect(device.facts.serial).toBe('SIM0070000000')
    expect(await run()).toEqual({ ok: true })
    expect(acs.informs).toHaveLength(1)
  })

  it('sends TransferComplete before the empty POST and forgets the transfer once acknowledged', async () => {
    const { acs, device, run } = await setup()
    device.transfers = [{ method: 'Download', commandKey: 'dl', fileType: '3 Vendor Configuration File', url: 'http://x/', username: '', password: '', fileSize: 0, targetFileName: '', delaySeconds: 0, acceptedAt: 0, state: 3, fault: { faultCode: 0, faultString: '' } }]
    await run()
    expect(acs.log).toEqual(['Inform', 'TransferComplete', 'empty'])
    expect(acs.informs[0]?.events.map((e) => `${e.eventCode}/${e.commandKey}`)).toEqual(['0 BOOTSTRAP/', '1 BOOT/', '7 TRANSFER COMPLETE/', 'M Download/dl'])
    expect(device.transfers).toBeUndefined()
  })

  it('holds its own requests until an empty response when the ACS sends HoldRequests', async () => {
    const { acs, device, run } = await setup({ holdRequests: true })
    device.transfers = [{ method: 'Upload', commandKey: 'ul', fileType: '2 Vendor Log File', url: 'http://x/', username: '', password: '', fileSize: 0, targetFileName: '', delaySeconds: 0, acceptedAt: 0, state: 3 }]
    await run()
    expect(acs.log).toEqual(['Inform', 'empty', 'TransferComplete', 'empty'])
  })
})
