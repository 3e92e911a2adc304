import type { Collection } from 'mongodb'
import type { DeviceCredentialRecord, DeviceRecord, DeviceRegistryStore, InformRecord } from '../device-registry.js'
import { assertCredentials, assertDeviceRecord, assertKey, withoutUndefined } from '../validate.js'
import { isDuplicateKeyError } from './mongo-errors.js'
import { RecentInformWrites } from './recent-inform-writes.js'

/** A device as stored in MongoDB, keyed by its device id. */
export type DeviceDocument = Omit<DeviceRecord, 'deviceId'> & { _id: string }
/** Device credentials as stored in MongoDB, keyed by the device id. */
export type DeviceCredentialDocument = Omit<DeviceCredentialRecord, 'deviceId'> & { _id: string }

/** Name of the device collection. */
export const DEVICES_COLLECTION = 'devices'
/** Name of the credentials collection (kept apart so that device reads never carry secrets). */
export const DEVICE_CREDENTIALS_COLLECTION = 'device_credentials'

function toRecord<T extends { _id: string }>(doc: T): Omit<T, '_id'> & { deviceId: string } {
  const { _id, ...rest } = doc
  return { deviceId: _id, ...rest }
}

/**
 * The gateway's device registry on MongoDB: one upsert per Inform, unless this process wrote the
 * same record for the device, but for a `lastInformAt` less than LAST_INFORM_RESOLUTION_MS older
 * (RecentInformWrites).
 */
export class MongoDeviceRegistryRepository implements DeviceRegistryStore {
  private readonly recentWrites = new RecentInformWrites()

  constructor(
    private readonly devices: Collection<DeviceDocument>,
    private readonly credentials: Collection<DeviceCredentialDocument>,
  ) {}

  async recordInform(record: InformRecord): Promise<{ created: boolean }> {
    assertDeviceRecord(record)
    const written = withoutUndefined(record)
    const outcome = await this.recentWrites.writeUnlessRepeated(written, () => this.upsert(written))
    return outcome ?? { created: false }
  }

  private async upsert(record: InformRecord): Promise<{ created: boolean }> {
    const { deviceId, ...fields } = record
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.devices.updateOne(
          { _id: deviceId },
          { $set: fields, $setOnInsert: { firstSeenAt: record.lastInformAt } },
          { upsert: true },
        )
        return { created: result.upsertedCount === 1 }
      } catch (error) {
        // Two first Informs raced to insert the same device: the loser now finds it and updates it.
        if (!isDuplicateKeyError(error) || attempt >= 2) throw error
      }
    }
  }

  async get(deviceId: string): Promise<DeviceRecord | null> {
    assertKey(deviceId, 'deviceId')
    const doc = await this.devices.findOne({ _id: deviceId })
    return doc ? toRecord(doc) : null
  }

  async putCredentials(record: DeviceCredentialRecord): Promise<void> {
    assertCredentials(record)
    const { deviceId, ...fields } = withoutUndefined(record)
    await this.credentials.replaceOne({ _id: deviceId }, fields, { upsert: true })
  }

  async getCredentials(deviceId: string): Promise<DeviceCredentialRecord | null> {
    assertKey(deviceId, 'deviceId')
    const doc = await this.credentials.findOne({ _id: deviceId })
    return doc ? toRecord(doc) : null
  }
}
