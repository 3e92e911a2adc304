import { describe, expect, it } from 'vitest'
import { CwmpEncodeError, encodeEnvelope, type CwmpBody, type Envelope } from '@acs/cwmp'
import { SAMPLE_BODIES, envelopeOf } from './support/samples.js'

function encodeError(envelope: unknown): string {
  try {
    encodeEnvelope(envelope as Envelope)
  } catch (err) {
    if (err instanceof CwmpEncodeError) return err.message
    throw err
  }
  throw new Error('encodeEnvelope accepted the input')
}

function withBody(body: Record<string, unknown>): unknown {
  return { namespace: 'urn:dslforum-org:cwmp-1-2', header: {}, body }
}

describe('encodeEnvelope', () => {
  it('declares soapenv, soapenc, xsd, xsi and the literal cwmp prefix bound to the message namespace', () => {
    const xml = encodeEnvelope(envelopeOf(SAMPLE_BODIES.Reboot, 'urn:dslforum-org:cwmp-1-0'))
    expect(xml).toContain(
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" ' +
        'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">',
    )
    expect(xml).toContain('<soapenv:Body><cwmp:Reboot><CommandKey>job-8812</CommandKey></cwmp:Reboot></soapenv:Body>')
  })

  it('writes the header elements with their mustUnderstand values, only when set', () => {
    const xml = encodeEnvelope({
      namespace: 'urn:dslforum-org:cwmp-1-2',
      header: { id: 'q<1>', holdRequests: false, useCwmpVersion: '1.4' },
      body: SAMPLE_BODIES.InformResponse,
    })
    expect(xml).toContain(
      '<soapenv:Header><cwmp:ID soapenv:mustUnderstand="1">q&lt;1&gt;</cwmp:ID>' +
        '<cwmp:HoldRequests soapenv:mustUnderstand="1">false</cwmp:HoldRequests>' +
        '<cwmp:UseCWMPVersion soapenv:mustUnderstand="1">1.4</cwmp:UseCWMPVersion></soapenv:Header>',
    )
    expect(xml).not.toContain('SessionTimeout')
    expect(encodeEnvelope({ namespace: 'urn:dslforum-org:cwmp-1-2', header: {}, body: SAMPLE_BODIES.GetRPCMethods })).not.toContain('Header')
  })

  it('writes arrays with exact arrayType counts and an xsi:type on every Value', () => {
    const xml = encodeEnvelope(envelopeOf(SAMPLE_BODIES.SetParameterValues))
    const count = SAMPLE_BODIES.SetParameterValues.parameterList.length
    expect(xml).toContain(`<ParameterList soapenc:arrayType="cwmp:ParameterValueStruct[${count}]">`)
    expect(xml.match(/<Value xsi:type="xsd:\w+">/g)).toHaveLength(count)
    expect(encodeEnvelope(envelopeOf(SAMPLE_BODIES.GetParameterValues))).toContain('<ParameterNames soapenc:arrayType="xsd:string[2]"><string>')
    expect(encodeEnvelope(envelopeOf(SAMPLE_BODIES.SetParameterAttributes))).toContain('<AccessList soapenc:arrayType="xsd:string[0]"></AccessList>')
  })

  it('writes argument children unqualified in XSD order', () => {
    const xml = encodeEnvelope(envelopeOf(SAMPLE_BODIES.Download))
    const order = [...xml.matchAll(/<(\w+)>/g)].map((m) => m[1])
    expect(order).toEqual([
      'CommandKey', 'FileType', 'URL', 'Username', 'Password', 'FileSize', 'TargetFileName', 'DelaySeconds', 'SuccessURL', 'FailureURL',
    ])
  })

  it('escapes markup in text and keeps a CR as a character reference', () => {
    const xml = encodeEnvelope(envelopeOf({ method: 'Reboot', commandKey: 'a&b<c>"d"\r\n' } as CwmpBody))
    expect(xml).toContain('<CommandKey>a&amp;b&lt;c&gt;"d"&#13;\n</CommandKey>')
  })

  it('writes ChangeDUState operations as repeated Operations typed with cwmp: xsi:types', () => {
    const xml = encodeEnvelope(envelopeOf(SAMPLE_BODIES.ChangeDUState))
    expect(xml.match(/<Operations xsi:type="cwmp:(\w+)">/g)).toEqual([
      '<Operations xsi:type="cwmp:InstallOpStruct">',
      '<Operations xsi:type="cwmp:UpdateOpStruct">',
      '<Operations xsi:type="cwmp:UninstallOpStruct">',
    ])
    expect(xml).toContain('</Operations><CommandKey>du-1001</CommandKey></cwmp:ChangeDUState>')
  })

  it('writes a Fault as a SOAP Fault with a cwmp:Fault detail', () => {
    const xml = encodeEnvelope(envelopeOf(SAMPLE_BODIES.Fault))
    expect(xml).toContain(
      '<soapenv:Body><soapenv:Fault><faultcode>Client</faultcode><faultstring>CWMP fault</faultstring><detail><cwmp:Fault>' +
        '<FaultCode>9003</FaultCode><FaultString>Invalid arguments</FaultString><SetParameterValuesFault><ParameterName>Device.WiFi.SSID.1.SSID</ParameterName>',
    )
  })

  it('refuses a parameter name over 256 characters', () => {
    const body = { ...SAMPLE_BODIES.GetParameterValues, parameterNames: [`Device.${'x'.repeat(250)}`] }
    expect(encodeError(envelopeOf(body))).toMatch(/parameterNames\[0\].*256/)
  })

  it('refuses a CommandKey or ParameterKey over 32 characters', () => {
    expect(encodeError(envelopeOf({ ...SAMPLE_BODIES.Reboot, commandKey: 'k'.repeat(33) }))).toMatch(/commandKey.*32/)
    expect(encodeError(envelopeOf({ ...SAMPLE_BODIES.AddObject, parameterKey: 'k'.repeat(33) }))).toMatch(/parameterKey.*32/)
  })

  it('refuses a Download URL over 256 characters but allows a DU URL up to 1024', () => {
    const long = `https://files.example.net/${'a'.repeat(300)}`
    expect(encodeError(envelopeOf({ ...SAMPLE_BODIES.Download, url: long }))).toMatch(/url.*256/)
    expect(() => encodeEnvelope(envelopeOf({ method: 'ChangeDUState', operations: [{ type: 'Install', url: long }] }))).not.toThrow()
  })

  it('refuses a ScheduleDownload without a time window or with three', () => {
    const window = { windowStart: 0, windowEnd: 60, windowMode: '1 At Any Time', userMessage: '', maxRetries: 0 }
    expect(encodeError(envelopeOf({ ...SAMPLE_BODIES.ScheduleDownload, timeWindowList: [] }))).toMatch(/timeWindowList.*1\.\.2/)
    expect(encodeError(envelopeOf({ ...SAMPLE_BODIES.ScheduleDownload, timeWindowList: [window, window, window] }))).toMatch(/1\.\.2/)
  })

  it('refuses values of the wrong type with a message naming the field', () => {
    expect(encodeError(withBody({ method: 'ScheduleInform', delaySeconds: -1, commandKey: '' }))).toMatch(/body\.delaySeconds/)
    expect(encodeError(withBody({ method: 'GetParameterNames', parameterPath: '', nextLevel: 'yes' }))).toMatch(/body\.nextLevel: expected a boolean/)
    expect(encodeError(withBody({ method: 'SetParameterValues', parameterList: [{ name: 'A', value: 1, type: 'xsd:int' }], parameterKey: '' }))).toMatch(
      /parameterList\[0\]\.value: expected a string/,
    )
    expect(encodeError(withBody({ method: 'SetParameterValues', parameterList: [{ name: 'A', value: '1', type: 'xsd:float' }], parameterKey: '' }))).toMatch(
      /parameterList\[0\]\.type/,
    )
  })

  it('refuses a missing required argument, an unknown method and an unknown namespace', () => {
    expect(encodeError(withBody({ method: 'Reboot' }))).toMatch(/body\.commandKey: missing/)
    expect(encodeError(withBody({ method: 'Frobnicate' }))).toMatch(/unknown CWMP method/)
    expect(encodeError({ namespace: 'urn:dslforum-org:cwmp-1-4', header: {}, body: SAMPLE_BODIES.GetRPCMethods })).toMatch(/namespace/)
  })

  it('refuses characters XML cannot carry', () => {
    expect(encodeError(envelopeOf({ ...SAMPLE_BODIES.Reboot, commandKey: 'a\u0001' }))).toMatch(/U\+0001/)
    expect(encodeError(envelopeOf({ ...SAMPLE_BODIES.Reboot, commandKey: 'half \ud800 pair' }))).toMatch(/U\+d800/)
  })

  it('refuses a ChangeDUState operation of an unknown type', () => {
    expect(encodeError(withBody({ method: 'ChangeDUState', operations: [{ type: 'Reinstall', uuid: 'x' }] }))).toMatch(/operations\[0\]\.type/)
  })
})
