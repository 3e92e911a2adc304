import { describe, expect, it } from 'vitest'
import { LAST_INFORM_RESOLUTION_MS, type DeviceRecord, type DeviceRegistryStore } from '../src/index.js'
import { aDeviceId, at } from './builders.js'

function anInform(deviceId: string, overrides: Partial<DeviceRecord> = {}): Omit<DeviceRecord, 'firstSeenAt'> {
  return {
    deviceId,
    oui: '000000',
    productClass: 'Test',
    serialNumber: deviceId.slice(-12),
    manufacturer: 'ACME',
    lastInformAt: at(0),
    lastRemoteAddress: '127.0.0.1',
    cwmpVersion: '1.4',
    namespace: 'urn:dslforum-org:cwmp-1-4',
    dataModelRoot: 'Device.',
    connectionRequestUrl: 'http://127.0.0.1:7547/cr',
    softwareVersion: '1.0.0',
    ...overrides,
  }
}

/** The behaviour every DeviceRegistryStore must have, run against each backend. */
export function deviceRegistrySuite(target: { devices(): DeviceRegistryStore }): void {
  describe('device registry', () => {
    it('says a device is new on its first Inform only', async () => {
      const device = aDeviceId()
      expect(await target.devices().recordInform(anInform(device))).toEqual({ created: true })
      expect(await target.devices().recordInform(anInform(device, { lastInformAt: at(60) }))).toEqual({ created: false })
    })

    it('keeps the first sighting and updates the last Inform', async () => {
      const device = aDeviceId()
      await target.devices().recordInform(anInform(device))
      await target.devices().recordInform(anInform(device, { lastInformAt: at(60), softwareVersion: '2.0.0' }))
      expect(await target.devices().get(device)).toEqual({
        ...anInform(device),
        firstSeenAt: at(0),
        lastInformAt: at(60),
        softwareVersion: '2.0.0',
      })
    })

    it('keeps a field the CPE did not report in a later Inform', async () => {
      const device = aDeviceId()
      await target.devices().recordInform(anInform(device))
      await target.devices().recordInform({ ...anInform(device, { lastInformAt: at(60) }), connectionRequestUrl: undefined })
      expect((await target.devices().get(device))?.connectionRequestUrl).toBe('http://127.0.0.1:7547/cr')
    })

    it('writes a repeated Inform only once lastInformAt is a resolution behind, and any other change at once', async () => {
      const device = aDeviceId()
      const seconds = LAST_INFORM_RESOLUTION_MS / 1000
      await target.devices().recordInform(anInform(device))
      expect(await target.devices().recordInform(anInform(device, { lastInformAt: at(seconds - 1) }))).toEqual({ created: false })
      expect((await target.devices().get(device))?.lastInformAt).toEqual(at(0))
      await target.devices().recordInform(anInform(device, { lastInformAt: at(seconds) }))
      expect((await target.devices().get(device))?.lastInformAt).toEqual(at(seconds))
      await target.devices().recordInform(anInform(device, { lastInformAt: at(seconds + 1), lastRemoteAddress: '127.0.0.2' }))
      expect(await target.devices().get(device)).toMatchObject({ lastInformAt: at(seconds + 1), lastRemoteAddress: '127.0.0.2' })
    })

    it('returns null for an unknown device', async () => {
      expect(await target.devices().get(aDeviceId())).toBeNull()
    })

    it('stores credentials and replaces them on the next put', async () => {
      const device = aDeviceId()
      await target.devices().putCredentials({ deviceId: device, cpe: { username: 'u', password: 'p' }, updatedAt: at(0) })
      const second = { deviceId: device, connectionRequest: { username: 'cr', password: 'secret' }, updatedAt: at(5) }
      await target.devices().putCredentials(second)
      expect(await target.devices().getCredentials(device)).toEqual(second)
    })

    it('returns null for the credentials of an unknown device', async () => {
      expect(await target.devices().getCredentials(aDeviceId())).toBeNull()
    })
  })
}
