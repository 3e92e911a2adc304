import { describe, expect, it } from 'vitest'
import { decodeEnvelope, type Fault, type Inform } from '@acs/cwmp'
import { VENDOR_ENVELOPES } from './support/vendor-envelopes.js'

function informOf(xml: string | Uint8Array): Inform {
  const { body } = decodeEnvelope(xml)
  if (body.method !== 'Inform') throw new Error(`expected an Inform, got ${body.method}`)
  return body
}

describe('decoding envelopes in vendors\' styles', () => {
  it('reads a SOAP-ENV/SOAP-ENC Inform with a BOM, CRLF line ends, padded numbers and ID', () => {
    const xml = VENDOR_ENVELOPES.zteInformWithBomAndCrlf
    const env = decodeEnvelope(Buffer.from(xml, 'utf8'))
    expect(env.header.id).toBe('4711')
    expect(env.namespace).toBe('urn:dslforum-org:cwmp-1-0')
    const inform = env.body as Inform
    expect(inform.events).toEqual([{ eventCode: '0 BOOTSTRAP', commandKey: '' }, { eventCode: '1 BOOT', commandKey: '' }])
    expect(inform.retryCount).toBe(7)
    expect(inform.maxEnvelopes).toBe(1)
    expect(inform.parameterList).toEqual([{ name: 'InternetGatewayDevice.DeviceInfo.SoftwareVersion', value: 'V1.0\n', type: 'xsd:string' }])
  })

  it('reads a default-namespace RPC element whose children inherit the cwmp namespace', () => {
    const xml = VENDOR_ENVELOPES.defaultNamespaceRpc
    expect(decodeEnvelope(xml)).toEqual({
      namespace: 'urn:dslforum-org:cwmp-1-1',
      header: {},
      body: { method: 'GetParameterValuesResponse', parameterList: [{ name: 'Device.A', value: '1', type: 'xsd:string' }] },
    })
  })

  it('resolves a cwmp prefix declared only on the RPC element, whatever the prefix', () => {
    const xml = VENDOR_ENVELOPES.prefixDeclaredOnRpc
    expect(decodeEnvelope(xml)).toEqual({ namespace: 'urn:dslforum-org:cwmp-1-2', header: {}, body: { method: 'Reboot', commandKey: 'job-1' } })
  })

  it('accepts over-qualified argument children', () => {
    const xml = VENDOR_ENVELOPES.overQualifiedArguments
    expect(decodeEnvelope(xml).body).toEqual({ method: 'GetParameterNames', parameterPath: 'Device.', nextLevel: true })
  })

  it('reads a Motorola-style Inform without Header, with enc: prefix and an XML declaration without encoding', () => {
    const xml = VENDOR_ENVELOPES.motorolaInform
    const env = decodeEnvelope(xml)
    expect(env.header).toEqual({})
    expect((env.body as Inform).parameterList).toEqual([])
  })

  it('reads single-quoted attributes and ignores whitespace and garbage after the Envelope', () => {
    const xml = VENDOR_ENVELOPES.singleQuotesAndTrailingGarbage
    expect(decodeEnvelope(xml).body).toEqual({
      method: 'GetParameterValuesResponse',
      parameterList: [{ name: 'Device.ManagementServer.AliasBasedAddressing', value: '0', type: 'xsd:boolean' }],
    })
  })

  it('normalises xsi:type spellings and never trims parameter values', () => {
    const xml = VENDOR_ENVELOPES.xsiTypeSpellings
    const { body } = decodeEnvelope(xml)
    expect(body.method === 'GetParameterValuesResponse' && body.parameterList).toEqual([
      { name: 'A', value: ' 42 ', type: 'xsd:unsignedInt' },
      { name: 'B', value: '\n  spaced  \n', type: 'xsd:string' },
      { name: 'C', value: 'x', type: 'xsd:string' },
      { name: 'D', value: '0000-00-00T00:00:00', type: 'xsd:dateTime' },
      { name: 'E', value: 'y', type: 'xsd:string' },
      { name: 'F', value: 'z', type: 'xsd:string' },
      { name: 'G', value: 'SGk=', type: 'xsd:base64' },
      { name: 'H', value: '', type: 'xsd:unsignedLong' },
    ])
  })

  it('decodes entity and character references and keeps CDATA verbatim', () => {
    const xml = VENDOR_ENVELOPES.entitiesAndCdata
    const { body } = decodeEnvelope(xml)
    expect(body.method === 'GetParameterValuesResponse' && body.parameterList.map((p) => [p.name, p.value])).toEqual([
      ['A&B', '<a href="x"> & & \'é😀'],
      ['C', '&amp; <raw> tail'],
      ['D', '&unknown; &#0; & alone'],
    ])
  })

  it('reads a cwmp-1-2 Inform with CWMP 1.4 headers and maps a cwmp-1-4 URI to cwmp-1-2', () => {
    const xml = VENDOR_ENVELOPES.cwmp14Headers
    expect(decodeEnvelope(xml)).toEqual({
      namespace: 'urn:dslforum-org:cwmp-1-2',
      header: { id: '1001', supportedCwmpVersions: ['1.0', '1.1', '1.2', '1.3', '1.4'], sessionTimeout: 30 },
      body: { method: 'InformResponse', maxEnvelopes: 1 },
    })
  })

  it('reads a cwmp-1-1 GetAllQueuedTransfersResponse', () => {
    const xml = VENDOR_ENVELOPES.queuedTransfers
    expect(decodeEnvelope(xml)).toEqual({
      namespace: 'urn:dslforum-org:cwmp-1-1',
      header: {},
      body: {
        method: 'GetAllQueuedTransfersResponse',
        transferList: [{ commandKey: 'k', state: 2, isDownload: true, fileType: '1 Firmware Upgrade Image', fileSize: 100, targetFileName: '' }],
      },
    })
  })

  it('reads ChangeDUState operations in the SOAP-array form', () => {
    const xml = VENDOR_ENVELOPES.changeDuStateSoapArray
    expect(decodeEnvelope(xml).body).toEqual({
      method: 'ChangeDUState',
      operations: [
        { type: 'Install', url: 'http://f/du.ipk', executionEnvRef: 'Device.SoftwareModules.ExecEnv.1' },
        { type: 'Uninstall', uuid: '0b8e7c52-2f8d-4c73-9d7e-5a4c1e2b3f60', version: '1.0' },
      ],
      commandKey: 'du-7',
    })
  })

  it('reads ChangeDUState operations typed with xsi:type under any xsi prefix', () => {
    const xml = VENDOR_ENVELOPES.changeDuStateXsiType
    expect(decodeEnvelope(xml).body).toEqual({ method: 'ChangeDUState', operations: [{ type: 'Update', uuid: '1b8e7c52-2f8d-4c73-9d7e-5a4c1e2b3f61' }] })
  })

  it('reads DUStateChangeComplete results in the SOAP-array form', () => {
    const xml = VENDOR_ENVELOPES.duStateChangeComplete
    expect(decodeEnvelope(xml).body).toEqual({
      method: 'DUStateChangeComplete',
      results: [{
        uuid: 'u-1', deploymentUnitRef: 'Device.SoftwareModules.DeploymentUnit.3', version: '1.2', currentState: 'Installed', resolved: true,
        executionUnitRefList: '', startTime: '2025-03-01T10:01:00Z', completeTime: '2025-03-01T10:01:09Z', fault: { faultCode: 0, faultString: '' },
      }],
      commandKey: 'du-7',
    })
  })

  it('reads a SetParameterValues fault with a prefixed faultcode and qualified detail children', () => {
    const xml = VENDOR_ENVELOPES.setParameterValuesFault
    const expected: Fault = {
      method: 'Fault',
      faultCode: 'Client',
      faultString: 'CWMP fault',
      detail: {
        faultCode: 9003,
        faultString: 'Invalid arguments',
        setParameterValuesFault: [
          { parameterName: 'Device.WiFi.SSID.1.SSID', faultCode: 9007, faultString: 'Value too long' },
          { parameterName: 'Device.DeviceInfo.Manufacturer', faultCode: 9008, faultString: '' },
        ],
      },
    }
    expect(decodeEnvelope(xml)).toEqual({ namespace: 'urn:dslforum-org:cwmp-1-0', header: { id: 'q2' }, body: expected })
  })

  it('follows a prefix that is rebound on an inner element', () => {
    const xml = VENDOR_ENVELOPES.reboundPrefix
    expect(decodeEnvelope(xml)).toEqual({ namespace: 'urn:dslforum-org:cwmp-1-1', header: {}, body: { method: 'TransferCompleteResponse' } })
  })

  it('reads an XML declaration with another encoding label and a NoMoreRequests header', () => {
    const xml = VENDOR_ENVELOPES.encodingLabelAndNoMoreRequests
    expect(decodeEnvelope(xml)).toEqual({ namespace: 'urn:dslforum-org:cwmp-1-0', header: { noMoreRequests: true }, body: { method: 'GetRPCMethods' } })
  })

  it('takes the namespace from the envelope declarations when the RPC element is unqualified', () => {
    const xml = VENDOR_ENVELOPES.unqualifiedRpc
    expect(decodeEnvelope(xml)).toEqual({ namespace: 'urn:dslforum-org:cwmp-1-1', header: {}, body: { method: 'Reboot', commandKey: '' } })
  })

  it('counts array members itself when arrayType is missing or wrong', () => {
    const xml = VENDOR_ENVELOPES.wrongArrayType
    expect(decodeEnvelope(xml).body).toEqual({ method: 'GetRPCMethodsResponse', methodList: ['Inform', 'GetRPCMethods'] })
  })

  it('decodes an Inform given as bytes the same as given as text', () => {
    const xml = VENDOR_ENVELOPES.unicodeInform
    expect(informOf(new TextEncoder().encode(xml))).toEqual(informOf(xml))
    expect(informOf(xml).deviceId.manufacturer).toBe('Ünïcödé GmbH')
  })
})
