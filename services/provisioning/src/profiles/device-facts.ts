/** What provisioning knows about a device that filters and templates may use. */
export interface DeviceFacts {
  deviceId: string
  oui: string
  productClass: string
  manufacturer: string
  serialNumber: string
  /** Undefined until an inform or a read told it. */
  modelName?: string
  softwareVersion?: string
  hardwareVersion?: string
  dataModelRoot: string
  tags: readonly string[]
}

/** The DeviceInfo parameter each optional fact comes from, relative to the root. */
export const FACT_PARAMETERS = {
  modelName: 'DeviceInfo.ModelName',
  softwareVersion: 'DeviceInfo.SoftwareVersion',
  hardwareVersion: 'DeviceInfo.HardwareVersion',
} as const

/** Fills the optional facts from parameter values (an inform's list or a read), keeping known ones otherwise. */
export function factsWithValues(facts: DeviceFacts, values: ReadonlyMap<string, string>): DeviceFacts {
  const next = { ...facts }
  for (const [fact, relative] of Object.entries(FACT_PARAMETERS) as [keyof typeof FACT_PARAMETERS, string][]) {
    const value = values.get(`${facts.dataModelRoot}.${relative}`)
    if (value !== undefined) next[fact] = value
  }
  return next
}
