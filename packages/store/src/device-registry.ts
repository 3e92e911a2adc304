/** What the gateway remembers of each device between sessions. */
export interface DeviceRecord {
  deviceId: string
  oui: string
  productClass: string
  serialNumber: string
  manufacturer: string
  firstSeenAt: Date
  lastInformAt: Date
  lastRemoteAddress: string
  /** Negotiated at the last Inform; never send an RPC the version lacks. */
  cwmpVersion: string
  namespace: string
  dataModelRoot: string
  connectionRequestUrl?: string
  udpConnectionRequestAddress?: string
  softwareVersion?: string
}

/** What one Inform tells of a device: its record but for when it was first seen. */
export type InformRecord = Omit<DeviceRecord, 'firstSeenAt'>

/** Credentials of one device: what the CPE authenticates with, and what the ACS sends in connection requests. */
export interface DeviceCredentialRecord {
  deviceId: string
  cpe?: { username: string; password: string }
  connectionRequest?: { username: string; password: string }
  updatedAt: Date
}

/** The gateway's own view of devices: recorded at every Inform, read for connection requests. */
export interface DeviceRegistryStore {
  /**
   * Upserts the record; returns true when the device was not known before. The write is skipped
   * when nothing but lastInformAt moved, by less than LAST_INFORM_RESOLUTION_MS (30 s), so the
   * stored lastInformAt may lag by that much: the embedded store compares with the stored record,
   * MongoDB with what this process last wrote for the device (no read; packages/store/README.md).
   */
  recordInform(record: InformRecord): Promise<{ created: boolean }>
  get(deviceId: string): Promise<DeviceRecord | null>
  putCredentials(record: DeviceCredentialRecord): Promise<void>
  getCredentials(deviceId: string): Promise<DeviceCredentialRecord | null>
}
