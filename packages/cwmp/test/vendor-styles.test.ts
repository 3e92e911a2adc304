import { describe, expect, it } from 'vitest'
import { decodeEnvelope, type Fault, type Inform } from '@acs/cwmp'

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/'
const ENC = 'http://schemas.xmlsoap.org/soap/encoding/'
const XSD = 'http://www.w3.org/2001/XMLSchema'
const XSI = 'http://www.w3.org/2001/XMLSchema-instance'

function informOf(xml: string | Uint8Array): Inform {
  const { body } = decodeEnvelope(xml)
  if (body.method !== 'Inform') throw new Error(`expected an Inform, got ${body.method}`)
  return body
}

describe('decoding envelopes in vendors\' styles', () => {
  it('reads a SOAP-ENV/SOAP-ENC Inform with a BOM, CRLF line ends, padded numbers and ID', () => {
    const xml =
      '\ufeff<?xml version="1.0" encoding="UTF-8"?>\r\n' +
      `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP}" xmlns:SOAP-ENC="${ENC}" xmlns:xsd="${XSD}" xmlns:xsi="${XSI}" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">\r\n` +
      '<SOAP-ENV:Header>\r\n  <cwmp:ID SOAP-ENV:mustUnderstand="1">  4711 \r\n</cwmp:ID>\r\n</SOAP-ENV:Header>\r\n' +
      '<SOAP-ENV:Body>\r\n<cwmp:Inform>\r\n' +
      '<DeviceId><Manufacturer>ZTE</Manufacturer><OUI>44F436</OUI><ProductClass>F600W</ProductClass><SerialNumber>ZTEEQ</SerialNumber></DeviceId>\r\n' +
      '<Event SOAP-ENC:arrayType="cwmp:EventStruct[0002]"><EventStruct><EventCode>0 BOOTSTRAP</EventCode><CommandKey></CommandKey></EventStruct>' +
      '<EventStruct><EventCode>1 BOOT</EventCode><CommandKey/></EventStruct></Event>\r\n' +
      '<MaxEnvelopes> 1 </MaxEnvelopes><CurrentTime>1970-01-01T00:05:00</CurrentTime><RetryCount>\r\n  007\r\n</RetryCount>\r\n' +
      '<ParameterList SOAP-ENC:arrayType="cwmp:ParameterValueStruct[9]">' +
      '<ParameterValueStruct><Name>InternetGatewayDevice.DeviceInfo.SoftwareVersion</Name><Value xsi:type="xsd:string">V1.0\r\n</Value></ParameterValueStruct>' +
      '</ParameterList>\r\n</cwmp:Inform>\r\n</SOAP-ENV:Body>\r\n</SOAP-ENV:Envelope>\r\n'
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
    const xml =
      `<s:Envelope xmlns:s="${SOAP}"><s:Body><GetParameterValuesResponse xmlns="urn:dslforum-org:cwmp-1-1">` +
      '<ParameterList><ParameterValueStruct><Name>Device.A</Name><Value>1</Value></ParameterValueStruct></ParameterList>' +
      '</GetParameterValuesResponse></s:Body></s:Envelope>'
    expect(decodeEnvelope(xml)).toEqual({
      namespace: 'urn:dslforum-org:cwmp-1-1',
      header: {},
      body: { method: 'GetParameterValuesResponse', parameterList: [{ name: 'Device.A', value: '1', type: 'xsd:string' }] },
    })
  })

  it('resolves a cwmp prefix declared only on the RPC element, whatever the prefix', () => {
    const xml =
      `<env:Envelope xmlns:env="${SOAP}"><env:Body>` +
      '<ns1:Reboot xmlns:ns1="urn:dslforum-org:cwmp-1-2"><CommandKey>job-1</CommandKey></ns1:Reboot></env:Body></env:Envelope>'
    expect(decodeEnvelope(xml)).toEqual({ namespace: 'urn:dslforum-org:cwmp-1-2', header: {}, body: { method: 'Reboot', commandKey: 'job-1' } })
  })

  it('accepts over-qualified argument children', () => {
    const xml =
      `<soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-0"><soap:Body><cwmp:GetParameterNames>` +
      '<cwmp:ParameterPath>Device.</cwmp:ParameterPath><cwmp:NextLevel>True</cwmp:NextLevel></cwmp:GetParameterNames></soap:Body></soap:Envelope>'
    expect(decodeEnvelope(xml).body).toEqual({ method: 'GetParameterNames', parameterPath: 'Device.', nextLevel: true })
  })

  it('reads a Motorola-style Inform without Header, with enc: prefix and an XML declaration without encoding', () => {
    const xml =
      `<?xml version="1.0"?>\n<soap:Envelope   xmlns:soap="${SOAP}"   xmlns:enc="${ENC}" xmlns:xsi="${XSI}" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">` +
      '<soap:Body><cwmp:Inform><DeviceId><Manufacturer>Motorola Mobility</Manufacturer><OUI>001404</OUI><ProductClass>VAP2404E</ProductClass>' +
      '<SerialNumber>M9</SerialNumber></DeviceId><Event enc:arrayType="cwmp:EventStruct[1]"><EventStruct><EventCode>2 PERIODIC</EventCode>' +
      '<CommandKey></CommandKey></EventStruct></Event><MaxEnvelopes>1</MaxEnvelopes><CurrentTime>2015-09-22T05:04:58-07:00</CurrentTime>' +
      '<RetryCount>0</RetryCount><ParameterList enc:arrayType="cwmp:ParameterValueStruct[0]"></ParameterList></cwmp:Inform></soap:Body></soap:Envelope>'
    const env = decodeEnvelope(xml)
    expect(env.header).toEqual({})
    expect((env.body as Inform).parameterList).toEqual([])
  })

  it('reads single-quoted attributes and ignores whitespace and garbage after the Envelope', () => {
    const xml =
      `<soapenv:Envelope xmlns:soap='${ENC}' xmlns:xsi='${XSI}' xmlns:cwmp='urn:dslforum-org:cwmp-1-0' xmlns:soapenv='${SOAP}'>` +
      "<soapenv:Body><cwmp:GetParameterValuesResponse><ParameterList soap:arrayType='cwmp:ParameterValueStruct[1]'>" +
      "<ParameterValueStruct><Name>Device.ManagementServer.AliasBasedAddressing</Name><Value xsi:type='xsd:boolean'>0</Value></ParameterValueStruct>" +
      '</ParameterList></cwmp:GetParameterValuesResponse></soapenv:Body></soapenv:Envelope>\n\n  \u0000\u0000HTTP/1.1 junk'
    expect(decodeEnvelope(xml).body).toEqual({
      method: 'GetParameterValuesResponse',
      parameterList: [{ name: 'Device.ManagementServer.AliasBasedAddressing', value: '0', type: 'xsd:boolean' }],
    })
  })

  it('normalises xsi:type spellings and never trims parameter values', () => {
    const xml =
      `<soap:Envelope xmlns:soap="${SOAP}" xmlns:i="${XSI}" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap:Body><cwmp:GetParameterValuesResponse><ParameterList>` +
      '<ParameterValueStruct><Name>A</Name><Value i:type="xsd:UnsignedInt"> 42 </Value></ParameterValueStruct>' +
      '<ParameterValueStruct><Name>B</Name><Value i:type="string">\n  spaced  \n</Value></ParameterValueStruct>' +
      '<ParameterValueStruct><Name>C</Name><Value i:type="SOAP-ENC:string">x</Value></ParameterValueStruct>' +
      '<ParameterValueStruct><Name>D</Name><Value xsi:type="xsd:dateTime">0000-00-00T00:00:00</Value></ParameterValueStruct>' +
      '<ParameterValueStruct><Name>E</Name><Value i:type="xs:anySimpleType">y</Value></ParameterValueStruct>' +
      '<ParameterValueStruct><Name>F</Name><Value>z</Value></ParameterValueStruct>' +
      '<ParameterValueStruct><Name>G</Name><Value i:type="xsd:base64Binary">SGk=</Value></ParameterValueStruct>' +
      '<ParameterValueStruct><Name>H</Name><Value i:type="xsd:unsignedLong"/></ParameterValueStruct>' +
      '</ParameterList></cwmp:GetParameterValuesResponse></soap:Body></soap:Envelope>'
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
    const xml =
      `<soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap:Body><cwmp:GetParameterValuesResponse><ParameterList>` +
      '<ParameterValueStruct><Name>A&amp;B</Name><Value>&lt;a href=&quot;x&quot;&gt; &#38; &#x26; &apos;&#233;&#x1F600;</Value></ParameterValueStruct>' +
      '<ParameterValueStruct><Name>C</Name><Value><![CDATA[&amp; <raw>]]> tail</Value></ParameterValueStruct>' +
      '<ParameterValueStruct><Name>D</Name><Value>&unknown; &#0; & alone</Value></ParameterValueStruct>' +
      '</ParameterList></cwmp:GetParameterValuesResponse></soap:Body></soap:Envelope>'
    const { body } = decodeEnvelope(xml)
    expect(body.method === 'GetParameterValuesResponse' && body.parameterList.map((p) => [p.name, p.value])).toEqual([
      ['A&B', '<a href="x"> & & \'é😀'],
      ['C', '&amp; <raw> tail'],
      ['D', '&unknown; &#0; & alone'],
    ])
  })

  it('reads a cwmp-1-2 Inform with CWMP 1.4 headers and maps a cwmp-1-4 URI to cwmp-1-2', () => {
    const xml =
      `<soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-4"><soap:Header>` +
      '<cwmp:ID soap:mustUnderstand="1">1001</cwmp:ID>' +
      '<cwmp:SupportedCWMPVersions soap:mustUnderstand="0"> 1.0, 1.1,1.2 ,1.3,1.4 </cwmp:SupportedCWMPVersions>' +
      '<cwmp:SessionTimeout soap:mustUnderstand="0">30</cwmp:SessionTimeout>' +
      '<x:Vendor xmlns:x="urn:example:vendor" soap:mustUnderstand="1">ignored</x:Vendor>' +
      '</soap:Header><soap:Body><cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse></soap:Body></soap:Envelope>'
    expect(decodeEnvelope(xml)).toEqual({
      namespace: 'urn:dslforum-org:cwmp-1-2',
      header: { id: '1001', supportedCwmpVersions: ['1.0', '1.1', '1.2', '1.3', '1.4'], sessionTimeout: 30 },
      body: { method: 'InformResponse', maxEnvelopes: 1 },
    })
  })

  it('reads a cwmp-1-1 GetAllQueuedTransfersResponse', () => {
    const xml =
      `<soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-1"><soap:Body><cwmp:GetAllQueuedTransfersResponse>` +
      '<TransferList><AllQueuedTransferStruct><CommandKey>k</CommandKey><State>2</State><IsDownload>1</IsDownload>' +
      '<FileType>1 Firmware Upgrade Image</FileType><FileSize>0100</FileSize><TargetFileName></TargetFileName></AllQueuedTransferStruct>' +
      '</TransferList></cwmp:GetAllQueuedTransfersResponse></soap:Body></soap:Envelope>'
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
    const xml =
      `<soap:Envelope xmlns:soap="${SOAP}" xmlns:soapenc="${ENC}" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap:Body><cwmp:ChangeDUState>` +
      '<Operations soapenc:arrayType="cwmp:OperationStruct[2]">' +
      '<InstallOpStruct><URL>http://f/du.ipk</URL><ExecutionEnvRef>Device.SoftwareModules.ExecEnv.1</ExecutionEnvRef></InstallOpStruct>' +
      '<UninstallOpStruct><UUID>0b8e7c52-2f8d-4c73-9d7e-5a4c1e2b3f60</UUID><Version>1.0</Version></UninstallOpStruct>' +
      '</Operations><CommandKey>du-7</CommandKey></cwmp:ChangeDUState></soap:Body></soap:Envelope>'
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
    const xml =
      `<soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap:Body><cwmp:ChangeDUState>` +
      `<Operations xmlns:t="${XSI}" t:type="cwmp:UpdateOpStruct"><UUID>1b8e7c52-2f8d-4c73-9d7e-5a4c1e2b3f61</UUID></Operations>` +
      '</cwmp:ChangeDUState></soap:Body></soap:Envelope>'
    expect(decodeEnvelope(xml).body).toEqual({ method: 'ChangeDUState', operations: [{ type: 'Update', uuid: '1b8e7c52-2f8d-4c73-9d7e-5a4c1e2b3f61' }] })
  })

  it('reads DUStateChangeComplete results in the SOAP-array form', () => {
    const result =
      '<UUID>u-1</UUID><DeploymentUnitRef>Device.SoftwareModules.DeploymentUnit.3</DeploymentUnitRef><Version>1.2</Version>' +
      '<CurrentState>Installed</CurrentState><Resolved>1</Resolved><ExecutionUnitRefList></ExecutionUnitRefList>' +
      '<StartTime>2025-03-01T10:01:00Z</StartTime><CompleteTime>2025-03-01T10:01:09Z</CompleteTime><Fault><FaultCode>0</FaultCode></Fault>'
    const xml =
      `<soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap:Body><cwmp:DUStateChangeComplete>` +
      `<Results soapenc:arrayType="cwmp:OpResultStruct[1]"><OpResultStruct>${result}</OpResultStruct></Results>` +
      '<CommandKey>du-7</CommandKey></cwmp:DUStateChangeComplete></soap:Body></soap:Envelope>'
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
    const xml =
      `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-0"><SOAP-ENV:Header><cwmp:ID SOAP-ENV:mustUnderstand="1">q2</cwmp:ID></SOAP-ENV:Header>` +
      '<SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>CWMP fault</faultstring><SOAP-ENV:detail><cwmp:Fault>' +
      '<cwmp:FaultCode> 9003\n</cwmp:FaultCode><cwmp:FaultString>Invalid arguments</cwmp:FaultString>' +
      '<cwmp:SetParameterValuesFault><cwmp:ParameterName>Device.WiFi.SSID.1.SSID</cwmp:ParameterName><cwmp:FaultCode>9007</cwmp:FaultCode>' +
      '<cwmp:FaultString>Value too long</cwmp:FaultString></cwmp:SetParameterValuesFault>' +
      '<SetParameterValuesFault><ParameterName>Device.DeviceInfo.Manufacturer</ParameterName><FaultCode>9008</FaultCode></SetParameterValuesFault>' +
      '</cwmp:Fault></SOAP-ENV:detail></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>'
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
    const xml =
      `<a:Envelope xmlns:a="${SOAP}" xmlns:b="urn:example:other"><a:Body xmlns:b="urn:dslforum-org:cwmp-1-1">` +
      '<b:TransferCompleteResponse/></a:Body></a:Envelope>'
    expect(decodeEnvelope(xml)).toEqual({ namespace: 'urn:dslforum-org:cwmp-1-1', header: {}, body: { method: 'TransferCompleteResponse' } })
  })

  it('reads an XML declaration with another encoding label and a NoMoreRequests header', () => {
    const xml =
      `<?xml version="1.0" encoding="ISO-8859-1" standalone="yes"?><!-- captured --><soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">` +
      '<soap:Header><cwmp:NoMoreRequests>1</cwmp:NoMoreRequests><cwmp:HoldRequests>maybe</cwmp:HoldRequests></soap:Header>' +
      '<soap:Body><!-- note --><cwmp:GetRPCMethods></cwmp:GetRPCMethods></soap:Body></soap:Envelope>'
    expect(decodeEnvelope(xml)).toEqual({ namespace: 'urn:dslforum-org:cwmp-1-0', header: { noMoreRequests: true }, body: { method: 'GetRPCMethods' } })
  })

  it('takes the namespace from the envelope declarations when the RPC element is unqualified', () => {
    const xml = `<soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-1"><soap:Body><Reboot /></soap:Body></soap:Envelope>`
    expect(decodeEnvelope(xml)).toEqual({ namespace: 'urn:dslforum-org:cwmp-1-1', header: {}, body: { method: 'Reboot', commandKey: '' } })
  })

  it('counts array members itself when arrayType is missing or wrong', () => {
    const xml =
      `<soap:Envelope xmlns:soap="${SOAP}" xmlns:soapenc="${ENC}" xmlns:cwmp="urn:dslforum-org:cwmp-1-0"><soap:Body><cwmp:GetRPCMethodsResponse>` +
      '<MethodList soapenc:arrayType="xsd:string[999999999]"><string>Inform</string><string>GetRPCMethods</string></MethodList>' +
      '</cwmp:GetRPCMethodsResponse></soap:Body></soap:Envelope>'
    expect(decodeEnvelope(xml).body).toEqual({ method: 'GetRPCMethodsResponse', methodList: ['Inform', 'GetRPCMethods'] })
  })

  it('decodes an Inform given as bytes the same as given as text', () => {
    const xml =
      `<soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-0"><soap:Body><cwmp:Inform>` +
      '<DeviceId><Manufacturer>Ünïcödé GmbH</Manufacturer><OUI>00AABB</OUI><ProductClass></ProductClass><SerialNumber>S 1</SerialNumber></DeviceId>' +
      '<Event><EventStruct><EventCode>X 00AABB Custom</EventCode><CommandKey></CommandKey></EventStruct></Event>' +
      '<MaxEnvelopes>1</MaxEnvelopes><CurrentTime>2025-03-01T10:00:00.123</CurrentTime><RetryCount>0</RetryCount>' +
      '<ParameterList/></cwmp:Inform></soap:Body></soap:Envelope>'
    expect(informOf(new TextEncoder().encode(xml))).toEqual(informOf(xml))
    expect(informOf(xml).deviceId.manufacturer).toBe('Ünïcödé GmbH')
  })
})
