import type { Database, RootDatabase } from 'lmdb'
import type { DeviceCredentialRecord, DeviceRecord, DeviceRegistryStore } from '../device-registry.js'
import { assertCredentials, assertDeviceRecord, assertKey, withoutUndefined } from '../validate.js'

/** Names of the LMDB sub-databases of the device registry. */
export const DEVICE_REGISTRY_DBS = { devices: 'devices', credentials: 'device-credentials' } as const

/** The gateway's device registry on embedded LMDB. */
export class EmbeddedDeviceRegistryRepository implements DeviceRegistryStore {
  private readonly devices: Database<DeviceRecord, string>
  private readonly credentials: Database<DeviceCredentialRecord, string>

  constructor(private readonly root: RootDatabase) {
    this.devices = root.openDB<DeviceRecord, string>(DEVICE_REGISTRY_DBS.devices, {})
    this.credentials = root.openDB<DeviceCredentialRecord, string>(DEVICE_REGISTRY_DBS.credentials, {})
  }

  async recordInform(record: Omit<DeviceRecord, 'firstSeenAt'>): Promise<{ created: boolean }> {
    assertDeviceRecord(record)
    const fields = withoutUndefined(record)
    return this.root.transaction(() => {
      const known = this.devices.get(record.deviceId)
      // Fields the CPE did not report this time keep their last known value.
      const next: DeviceRecord = known ? { ...known, ...fields } : { ...fields, firstSeenAt: record.lastInformAt }
      this.devices.putSync(record.deviceId, next)
      return { created: known === undefined }
    })
  }

  async get(deviceId: string): Promise<DeviceRecord | null> {
    assertKey(deviceId, 'deviceId')
    return this.devices.get(deviceId) ?? null
  }

  async putCredentials(record: DeviceCredentialRecord): Promise<void> {
    assertCredentials(record)
    this.credentials.putSync(record.deviceId, withoutUndefined(record))
  }

  async getCredentials(deviceId: string): Promise<DeviceCredentialRecord | null> {
    assertKey(deviceId, 'deviceId')
    return this.credentials.get(deviceId) ?? null
  }
}
