import type { Database, RootDatabase } from 'lmdb'
import type { DeviceCredentialRecord, DeviceRecord, DeviceRegistryStore, InformRecord } from '../device-registry.js'
import { onlyLastInformMoved } from '../last-inform-resolution.js'
import { assertCredentials, assertDeviceRecord, assertKey, withoutUndefined } from '../validate.js'

/** Names of the LMDB sub-databases of the device registry. */
export const DEVICE_REGISTRY_DBS = { devices: 'devices', credentials: 'device-credentials' } as const

/** The gateway's device registry on embedded LMDB. */
export class EmbeddedDeviceRegistryRepository implements DeviceRegistryStore {
  private readonly devices: Database<DeviceRecord, string>
  private readonly credentials: Database<DeviceCredentialRecord, string>

  constructor(private readonly root: RootDatabase) {
    // Every Inform reads its device's record. Shared structures keep the record's field layout once
    // in the database instead of inside every value: a read takes half the time and a record less
    // than half the bytes. Records written before are still read (their layout travels with them).
    this.devices = root.openDB<DeviceRecord, string>(DEVICE_REGISTRY_DBS.devices, { sharedStructuresKey: Symbol.for('structures') })
    this.credentials = root.openDB<DeviceCredentialRecord, string>(DEVICE_REGISTRY_DBS.credentials, {})
  }

  async recordInform(record: InformRecord): Promise<{ created: boolean }> {
    assertDeviceRecord(record)
    const fields = withoutUndefined(record)
    const stored = this.devices.get(record.deviceId)
    if (stored && onlyLastInformMoved(stored, fields)) return { created: false }
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
