import { encodeEnvelope, type Envelope, type Inform, type ParameterValue } from '@acs/cwmp'

/** A device identity for tests. */
export interface TestDevice {
  oui: string
  productClass: string
  serialNumber: string
  model: 'tr181' | 'tr098'
  connectionRequestUrl?: string
  udpConnectionRequestAddress?: string
}

let serial = 0
/** A fresh device (unique serial per call). */
export function aDevice(overrides: Partial<TestDevice> = {}): TestDevice {
  serial++
  return { oui: '00AABB', productClass: 'HGW-9', serialNumber: `SN${process.pid}-${Date.now()}-${serial}`, model: 'tr181', ...overrides }
}

/** The device id the gateway derives for it. */
export function deviceIdOf(d: TestDevice): string {
  return `${encodeURIComponent(d.oui)}-${encodeURIComponent(d.productClass)}-${encodeURIComponent(d.serialNumber)}`
}

function forcedParameters(d: TestDevice): ParameterValue[] {
  const s = (name: string, value: string): ParameterValue => ({ name, value, type: 'xsd:string' })
  const cr = d.connectionRequestUrl ?? 'http://192.0.2.10:7547/cr'
  if (d.model === 'tr098') {
    const p = [
      s('InternetGatewayDevice.DeviceSummary', 'InternetGatewayDevice:1.4[](Baseline:2)'),
      s('InternetGatewayDevice.DeviceInfo.SpecVersion', '1.0'),
      s('InternetGatewayDevice.DeviceInfo.HardwareVersion', 'HW1'),
      s('InternetGatewayDevice.DeviceInfo.SoftwareVersion', '2.0.1'),
      s('InternetGatewayDevice.DeviceInfo.ProvisioningCode', ''),
      s('InternetGatewayDevice.ManagementServer.ParameterKey', ''),
      s('InternetGatewayDevice.ManagementServer.ConnectionRequestURL', cr),
      s('InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress', '198.51.100.20'),
    ]
    if (d.udpConnectionRequestAddress) p.push(s('InternetGatewayDevice.ManagementServer.UDPConnectionRequestAddress', d.udpConnectionRequestAddress))
    return p
  }
  const p = [
    s('Device.RootDataModelVersion', '2.17'),
    s('Device.DeviceInfo.HardwareVersion', 'HW1'),
    s('Device.DeviceInfo.SoftwareVersion', '4.2.1'),
    s('Device.DeviceInfo.ProvisioningCode', ''),
    s('Device.ManagementServer.ParameterKey', ''),
    s('Device.ManagementServer.ConnectionRequestURL', cr),
  ]
  if (d.udpConnectionRequestAddress) p.push(s('Device.ManagementServer.UDPConnectionRequestAddress', d.udpConnectionRequestAddress))
  return p
}

/** A realistic Inform envelope for the device, encoded by the codec. */
export function informXml(d: TestDevice, options: { events?: string[]; id?: string; supported?: string[] } = {}): string {
  const header: Envelope['header'] = { id: options.id ?? `inf-${Date.now()}` }
  if (options.supported) header.supportedCwmpVersions = options.supported
  const envelope: Envelope<Inform> = {
    namespace: d.model === 'tr098' ? 'urn:dslforum-org:cwmp-1-0' : 'urn:dslforum-org:cwmp-1-2',
    header,
    body: {
      method: 'Inform',
      deviceId: { manufacturer: 'ExampleCo', oui: d.oui, productClass: d.productClass, serialNumber: d.serialNumber },
      events: (options.events ?? ['2 PERIODIC']).map((eventCode) => ({ eventCode, commandKey: '' })),
      maxEnvelopes: 1,
      currentTime: '2025-03-01T10:00:00Z',
      retryCount: 0,
      parameterList: forcedParameters(d),
    },
  }
  return encodeEnvelope(envelope)
}

/** Any CWMP message body as XML (responses, faults, CPE requests). */
export function messageXml(envelope: Envelope): string {
  return encodeEnvelope(envelope)
}
