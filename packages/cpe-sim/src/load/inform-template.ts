import { Prng, deviceSeed } from '../util/prng.js'
import { xmlEscape } from '../util/xml-escape.js'

/** Data-model root of a load device. */
export type LoadModel = 'tr181' | 'tr098'

/**
 * One device's Inform, encoded once: only the cwmp:ID and CurrentTime change per session,
 * so building a request is two string concatenations.
 */
export interface InformTemplate {
  deviceId: string
  head: string
  middle: string
  tail: string
}

const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="urn:dslforum-org:cwmp-1-2">' +
  '<soap:Header><cwmp:ID soap:mustUnderstand="1">'

/** Builds the Inform of load device `index` (identity and values derived from `seed`). */
export function buildInformTemplate(index: number, model: LoadModel, seed: number, eventCodes: readonly string[]): InformTemplate {
  const rng = new Prng(deviceSeed(seed, index))
  const oui = model === 'tr181' ? '00D09E' : '001A2B'
  const productClass = model === 'tr181' ? 'LOAD-181' : 'LOAD-098'
  const serial = `LD${index.toString(36).toUpperCase().padStart(6, '0')}${rng.hex(4)}`
  const root = model === 'tr181' ? 'Device' : 'InternetGatewayDevice'
  const wanIp = `100.${64 + rng.int(0, 63)}.${rng.int(0, 255)}.${rng.int(1, 254)}`
  const params: [string, string, string][] = [
    [`${root}.DeviceInfo.HardwareVersion`, 'xsd:string', 'HW-1.0'],
    [`${root}.DeviceInfo.SoftwareVersion`, 'xsd:string', '1.0.0'],
    [`${root}.DeviceInfo.ProvisioningCode`, 'xsd:string', ''],
    [`${root}.ManagementServer.ParameterKey`, 'xsd:string', ''],
    [`${root}.ManagementServer.ConnectionRequestURL`, 'xsd:string', `http://${wanIp}:7547/cr/${serial}`],
  ]
  if (model === 'tr181') {
    params.unshift([`Device.RootDataModelVersion`, 'xsd:string', '2.17'])
    params.push(['Device.IP.Interface.1.IPv4Address.1.IPAddress', 'xsd:string', wanIp])
  } else {
    params.unshift(['InternetGatewayDevice.DeviceSummary', 'xsd:string', 'InternetGatewayDevice:1.4[](Baseline:1)'])
    params.push([
      'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress',
      'xsd:string',
      wanIp,
    ])
  }
  const events = eventCodes
    .map((code) => `<EventStruct><EventCode>${xmlEscape(code)}</EventCode><CommandKey></CommandKey></EventStruct>`)
    .join('')
  const paramXml = params
    .map(([n, t, v]) => `<ParameterValueStruct><Name>${n}</Name><Value xsi:type="${t}">${xmlEscape(v)}</Value></ParameterValueStruct>`)
    .join('')
  return {
    deviceId: `${oui}-${productClass}-${serial}`,
    head: ENVELOPE_OPEN,
    middle:
      '</cwmp:ID></soap:Header><soap:Body><cwmp:Inform>' +
      `<DeviceId><Manufacturer>SimCo</Manufacturer><OUI>${oui}</OUI><ProductClass>${productClass}</ProductClass>` +
      `<SerialNumber>${serial}</SerialNumber></DeviceId>` +
      `<Event soapenc:arrayType="cwmp:EventStruct[${eventCodes.length}]">${events}</Event>` +
      '<MaxEnvelopes>1</MaxEnvelopes><CurrentTime>',
    tail:
      '</CurrentTime><RetryCount>0</RetryCount>' +
      `<ParameterList soapenc:arrayType="cwmp:ParameterValueStruct[${params.length}]">${paramXml}</ParameterList>` +
      '</cwmp:Inform></soap:Body></soap:Envelope>',
  }
}

/** The Inform text for one session of a device. */
export function renderInform(t: InformTemplate, id: string, currentTime: string): string {
  return t.head + id + t.middle + currentTime + t.tail
}

/** Width of the cwmp:ID the byte form carries (zero-padded session number). */
export const ID_WIDTH = 10
/** Width of CurrentTime in the byte form: `2025-03-01T10:00:00Z`. */
export const TIME_WIDTH = 20

/**
 * A whole HTTP request carrying one device's Inform, built once: each session only overwrites
 * the fixed-width cwmp:ID and CurrentTime in place and writes the buffer as it is (no string
 * building or UTF-8 encoding per session). The buffer may be reused once the previous
 * session's response has arrived, which the one-session-per-device rule guarantees.
 */
export interface InformRequestBytes {
  readonly bytes: Buffer
  readonly idOffset: number
  readonly timeOffset: number
}

/** Builds the request bytes of a template for POSTing to `path` on `host`. */
export function informRequestBytes(t: InformTemplate, path: string, host: string): InformRequestBytes {
  const body = Buffer.from(renderInform(t, '0'.repeat(ID_WIDTH), '0'.repeat(TIME_WIDTH)), 'utf8')
  const head = Buffer.from(
    `POST ${path} HTTP/1.1\r\nhost: ${host}\r\ncontent-type: text/xml; charset="utf-8"\r\nsoapaction: \r\ncontent-length: ${body.length}\r\n\r\n`,
    'latin1',
  )
  const idOffset = head.length + Buffer.byteLength(t.head)
  const timeOffset = idOffset + ID_WIDTH + Buffer.byteLength(t.middle)
  return { bytes: Buffer.concat([head, body]), idOffset, timeOffset }
}

/** Stamps a session's id and time into request bytes (both ASCII, fixed width). */
export function stampInform(r: InformRequestBytes, id: number, currentTime: string): Buffer {
  r.bytes.write(String(id % 10 ** ID_WIDTH).padStart(ID_WIDTH, '0'), r.idOffset, ID_WIDTH, 'latin1')
  r.bytes.write(currentTime, r.timeOffset, TIME_WIDTH, 'latin1')
  return r.bytes
}
