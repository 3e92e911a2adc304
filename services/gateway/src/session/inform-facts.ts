import type { DeviceIdStruct, EventStruct, ParameterValue } from '@acs/cwmp'

/** The data-model root a device implements, as the contracts name it. */
export type DataModelRoot = 'Device' | 'InternetGatewayDevice' | 'unknown'

const MAX_DEVICE_ID = 512

/**
 * The device key `OUI-ProductClass-SerialNumber` (§5.1): each part trimmed and URL-encoded, the OUI
 * upper-cased with separators removed (CPEs send `00aabb` or `00:AA:BB`). Null when OUI or serial
 * is missing, or the key would exceed the contracts' limit.
 */
export function deviceIdOf(id: DeviceIdStruct): string | null {
  let oui = id.oui.trim().toUpperCase()
  const compact = oui.replace(/[-: ]/g, '')
  if (/^[0-9A-F]{6}$/.test(compact)) oui = compact
  const serial = id.serialNumber.trim()
  if (!oui || !serial) return null
  const key = `${encodeURIComponent(oui)}-${encodeURIComponent(id.productClass.trim())}-${encodeURIComponent(serial)}`
  return key.length <= MAX_DEVICE_ID ? key : null
}

/** What the gateway keeps from an Inform's parameter list. */
export interface InformFacts {
  dataModelRoot: DataModelRoot
  connectionRequestUrl?: string
  udpConnectionRequestAddress?: string
  softwareVersion?: string
}

/** Literal (interned) strings, compared against every parameter name of every Inform. */
const FACT_PATHS = {
  Device: { ms: 'Device.ManagementServer.', info: 'Device.DeviceInfo.SoftwareVersion' },
  InternetGatewayDevice: { ms: 'InternetGatewayDevice.ManagementServer.', info: 'InternetGatewayDevice.DeviceInfo.SoftwareVersion' },
} as const

/** Reads root, connection-request addresses and firmware version from the forced inform parameters (last one wins). */
export function informFacts(parameters: readonly ParameterValue[]): InformFacts {
  let root: DataModelRoot = 'unknown'
  for (const p of parameters) {
    if (p.name.startsWith('InternetGatewayDevice.')) {
      root = 'InternetGatewayDevice'
      break
    }
    if (p.name.startsWith('Device.')) {
      root = 'Device'
      break
    }
  }
  const facts: InformFacts = { dataModelRoot: root }
  if (root === 'unknown') return facts
  const { ms, info } = FACT_PATHS[root]
  let connectionRequestUrl: string | undefined
  let udpConnectionRequestAddress: string | undefined
  for (const p of parameters) {
    if (p.name === info) facts.softwareVersion = p.value
    else if (p.name.startsWith(ms)) {
      const leaf = p.name.slice(ms.length)
      if (leaf === 'ConnectionRequestURL') connectionRequestUrl = p.value.trim()
      else if (leaf === 'UDPConnectionRequestAddress') udpConnectionRequestAddress = p.value.trim()
    }
  }
  // Assigned only when non-empty rather than deleted afterwards: `delete` turns the object into a slow dictionary.
  if (connectionRequestUrl) facts.connectionRequestUrl = connectionRequestUrl
  if (udpConnectionRequestAddress) facts.udpConnectionRequestAddress = udpConnectionRequestAddress
  return facts
}

/** `14 HEARTBEAT` sessions are answered and ended without RPCs (Annex O, §10.6). */
export function isHeartbeat(events: readonly EventStruct[]): boolean {
  return events.length > 0 && events.every((e) => e.eventCode.trim() === '14 HEARTBEAT')
}

/** Whether the CPE bootstrapped (first contact, factory reset, or a new ACS URL). */
export function isBootstrap(events: readonly EventStruct[]): boolean {
  return events.some((e) => e.eventCode.trim() === '0 BOOTSTRAP')
}
