/** The vendor-style envelopes of vendor-styles.test.ts, shared with the tree-builder oracle test. */

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/'
const ENC = 'http://schemas.xmlsoap.org/soap/encoding/'
const XSD = 'http://www.w3.org/2001/XMLSchema'
const XSI = 'http://www.w3.org/2001/XMLSchema-instance'

const DU_RESULT =
  '<UUID>u-1</UUID><DeploymentUnitRef>Device.SoftwareModules.DeploymentUnit.3</DeploymentUnitRef><Version>1.2</Version>' +
  '<CurrentState>Installed</CurrentState><Resolved>1</Resolved><ExecutionUnitRefList></ExecutionUnitRefList>' +
  '<StartTime>2025-03-01T10:01:00Z</StartTime><CompleteTime>2025-03-01T10:01:09Z</CompleteTime><Fault><FaultCode>0</FaultCode></Fault>'

/** Envelopes as CPE stacks write them: prefixes, quoting, whitespace, BOM, CRLF, comments, CDATA, trailing garbage. */
export const VENDOR_ENVELOPES = {
  zteInformWithBomAndCrlf:
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
    '</ParameterList>\r\n</cwmp:Inform>\r\n</SOAP-ENV:Body>\r\n</SOAP-ENV:Envelope>\r\n',
  defaultNamespaceRpc:
    `<s:Envelope xmlns:s="${SOAP}"><s:Body><GetParameterValuesResponse xmlns="urn:dslforum-org:cwmp-1-1">` +
    '<ParameterList><ParameterValueStruct><Name>Device.A</Name><Value>1</Value></ParameterValueStruct></ParameterList>' +
    '</GetParameterValuesResponse></s:Body></s:Envelope>',
  prefixDeclaredOnRpc:
    `<env:Envelope xmlns:env="${SOAP}"><env:Body>` +
    '<ns1:Reboot xmlns:ns1="urn:dslforum-org:cwmp-1-2"><CommandKey>job-1</CommandKey></ns1:Reboot></env:Body></env:Envelope>',
  overQualifiedArguments:
    `<soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-0"><soap:Body><cwmp:GetParameterNames>` +
    '<cwmp:ParameterPath>Device.</cwmp:ParameterPath><cwmp:NextLevel>True</cwmp:NextLevel></cwmp:GetParameterNames></soap:Body></soap:Envelope>',
  motorolaInform:
    `<?xml version="1.0"?>\n<soap:Envelope   xmlns:soap="${SOAP}"   xmlns:enc="${ENC}" xmlns:xsi="${XSI}" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">` +
    '<soap:Body><cwmp:Inform><DeviceId><Manufacturer>Motorola Mobility</Manufacturer><OUI>001404</OUI><ProductClass>VAP2404E</ProductClass>' +
    '<SerialNumber>M9</SerialNumber></DeviceId><Event enc:arrayType="cwmp:EventStruct[1]"><EventStruct><EventCode>2 PERIODIC</EventCode>' +
    '<CommandKey></CommandKey></EventStruct></Event><MaxEnvelopes>1</MaxEnvelopes><CurrentTime>2015-09-22T05:04:58-07:00</CurrentTime>' +
    '<RetryCount>0</RetryCount><ParameterList enc:arrayType="cwmp:ParameterValueStruct[0]"></ParameterList></cwmp:Inform></soap:Body></soap:Envelope>',
  singleQuotesAndTrailingGarbage:
    `<soapenv:Envelope xmlns:soap='${ENC}' xmlns:xsi='${XSI}' xmlns:cwmp='urn:dslforum-org:cwmp-1-0' xmlns:soapenv='${SOAP}'>` +
    "<soapenv:Body><cwmp:GetParameterValuesResponse><ParameterList soap:arrayType='cwmp:ParameterValueStruct[1]'>" +
    "<ParameterValueStruct><Name>Device.ManagementServer.AliasBasedAddressing</Name><Value xsi:type='xsd:boolean'>0</Value></ParameterValueStruct>" +
    '</ParameterList></cwmp:GetParameterValuesResponse></soapenv:Body></soapenv:Envelope>\n\n  \u0000\u0000HTTP/1.1 junk',
  xsiTypeSpellings:
    `<soap:Envelope xmlns:soap="${SOAP}" xmlns:i="${XSI}" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap:Body><cwmp:GetParameterValuesResponse><ParameterList>` +
    '<ParameterValueStruct><Name>A</Name><Value i:type="xsd:UnsignedInt"> 42 </Value></ParameterValueStruct>' +
    '<ParameterValueStruct><Name>B</Name><Value i:type="string">\n  spaced  \n</Value></ParameterValueStruct>' +
    '<ParameterValueStruct><Name>C</Name><Value i:type="SOAP-ENC:string">x</Value></ParameterValueStruct>' +
    '<ParameterValueStruct><Name>D</Name><Value xsi:type="xsd:dateTime">0000-00-00T00:00:00</Value></ParameterValueStruct>' +
    '<ParameterValueStruct><Name>E</Name><Value i:type="xs:anySimpleType">y</Value></ParameterValueStruct>' +
    '<ParameterValueStruct><Name>F</Name><Value>z</Value></ParameterValueStruct>' +
    '<ParameterValueStruct><Name>G</Name><Value i:type="xsd:base64Binary">SGk=</Value></ParameterValueStruct>' +
    '<ParameterValueStruct><Name>H</Name><Value i:type="xsd:unsignedLong"/></ParameterValueStruct>' +
    '</ParameterList></cwmp:GetParameterValuesResponse></soap:Body></soap:Envelope>',
  entitiesAndCdata:
    `<soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap:Body><cwmp:GetParameterValuesResponse><ParameterList>` +
    '<ParameterValueStruct><Name>A&amp;B</Name><Value>&lt;a href=&quot;x&quot;&gt; &#38; &#x26; &apos;&#233;&#x1F600;</Value></ParameterValueStruct>' +
    '<ParameterValueStruct><Name>C</Name><Value><![CDATA[&amp; <raw>]]> tail</Value></ParameterValueStruct>' +
    '<ParameterValueStruct><Name>D</Name><Value>&unknown; &#0; & alone</Value></ParameterValueStruct>' +
    '</ParameterList></cwmp:GetParameterValuesResponse></soap:Body></soap:Envelope>',
  cwmp14Headers:
    `<soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-4"><soap:Header>` +
    '<cwmp:ID soap:mustUnderstand="1">1001</cwmp:ID>' +
    '<cwmp:SupportedCWMPVersions soap:mustUnderstand="0"> 1.0, 1.1,1.2 ,1.3,1.4 </cwmp:SupportedCWMPVersions>' +
    '<cwmp:SessionTimeout soap:mustUnderstand="0">30</cwmp:SessionTimeout>' +
    '<x:Vendor xmlns:x="urn:example:vendor" soap:mustUnderstand="1">ignored</x:Vendor>' +
    '</soap:Header><soap:Body><cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse></soap:Body></soap:Envelope>',
  queuedTransfers:
    `<soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-1"><soap:Body><cwmp:GetAllQueuedTransfersResponse>` +
    '<TransferList><AllQueuedTransferStruct><CommandKey>k</CommandKey><State>2</State><IsDownload>1</IsDownload>' +
    '<FileType>1 Firmware Upgrade Image</FileType><FileSize>0100</FileSize><TargetFileName></TargetFileName></AllQueuedTransferStruct>' +
    '</TransferList></cwmp:GetAllQueuedTransfersResponse></soap:Body></soap:Envelope>',
  changeDuStateSoapArray:
    `<soap:Envelope xmlns:soap="${SOAP}" xmlns:soapenc="${ENC}" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap:Body><cwmp:ChangeDUState>` +
    '<Operations soapenc:arrayType="cwmp:OperationStruct[2]">' +
    '<InstallOpStruct><URL>http://f/du.ipk</URL><ExecutionEnvRef>Device.SoftwareModules.ExecEnv.1</ExecutionEnvRef></InstallOpStruct>' +
    '<UninstallOpStruct><UUID>0b8e7c52-2f8d-4c73-9d7e-5a4c1e2b3f60</UUID><Version>1.0</Version></UninstallOpStruct>' +
    '</Operations><CommandKey>du-7</CommandKey></cwmp:ChangeDUState></soap:Body></soap:Envelope>',
  changeDuStateXsiType:
    `<soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap:Body><cwmp:ChangeDUState>` +
    `<Operations xmlns:t="${XSI}" t:type="cwmp:UpdateOpStruct"><UUID>1b8e7c52-2f8d-4c73-9d7e-5a4c1e2b3f61</UUID></Operations>` +
    '</cwmp:ChangeDUState></soap:Body></soap:Envelope>',
  duStateChangeComplete:
    `<soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-2"><soap:Body><cwmp:DUStateChangeComplete>` +
    `<Results soapenc:arrayType="cwmp:OpResultStruct[1]"><OpResultStruct>${DU_RESULT}</OpResultStruct></Results>` +
    '<CommandKey>du-7</CommandKey></cwmp:DUStateChangeComplete></soap:Body></soap:Envelope>',
  setParameterValuesFault:
    `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-0"><SOAP-ENV:Header><cwmp:ID SOAP-ENV:mustUnderstand="1">q2</cwmp:ID></SOAP-ENV:Header>` +
    '<SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>CWMP fault</faultstring><SOAP-ENV:detail><cwmp:Fault>' +
    '<cwmp:FaultCode> 9003\n</cwmp:FaultCode><cwmp:FaultString>Invalid arguments</cwmp:FaultString>' +
    '<cwmp:SetParameterValuesFault><cwmp:ParameterName>Device.WiFi.SSID.1.SSID</cwmp:ParameterName><cwmp:FaultCode>9007</cwmp:FaultCode>' +
    '<cwmp:FaultString>Value too long</cwmp:FaultString></cwmp:SetParameterValuesFault>' +
    '<SetParameterValuesFault><ParameterName>Device.DeviceInfo.Manufacturer</ParameterName><FaultCode>9008</FaultCode></SetParameterValuesFault>' +
    '</cwmp:Fault></SOAP-ENV:detail></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>',
  reboundPrefix:
    `<a:Envelope xmlns:a="${SOAP}" xmlns:b="urn:example:other"><a:Body xmlns:b="urn:dslforum-org:cwmp-1-1">` +
    '<b:TransferCompleteResponse/></a:Body></a:Envelope>',
  encodingLabelAndNoMoreRequests:
    `<?xml version="1.0" encoding="ISO-8859-1" standalone="yes"?><!-- captured --><soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">` +
    '<soap:Header><cwmp:NoMoreRequests>1</cwmp:NoMoreRequests><cwmp:HoldRequests>maybe</cwmp:HoldRequests></soap:Header>' +
    '<soap:Body><!-- note --><cwmp:GetRPCMethods></cwmp:GetRPCMethods></soap:Body></soap:Envelope>',
  unqualifiedRpc:
    `<soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-1"><soap:Body><Reboot /></soap:Body></soap:Envelope>`,
  wrongArrayType:
    `<soap:Envelope xmlns:soap="${SOAP}" xmlns:soapenc="${ENC}" xmlns:cwmp="urn:dslforum-org:cwmp-1-0"><soap:Body><cwmp:GetRPCMethodsResponse>` +
    '<MethodList soapenc:arrayType="xsd:string[999999999]"><string>Inform</string><string>GetRPCMethods</string></MethodList>' +
    '</cwmp:GetRPCMethodsResponse></soap:Body></soap:Envelope>',
  unicodeInform:
    `<soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="urn:dslforum-org:cwmp-1-0"><soap:Body><cwmp:Inform>` +
    '<DeviceId><Manufacturer>Ünïcödé GmbH</Manufacturer><OUI>00AABB</OUI><ProductClass></ProductClass><SerialNumber>S 1</SerialNumber></DeviceId>' +
    '<Event><EventStruct><EventCode>X 00AABB Custom</EventCode><CommandKey></CommandKey></EventStruct></Event>' +
    '<MaxEnvelopes>1</MaxEnvelopes><CurrentTime>2025-03-01T10:00:00.123</CurrentTime><RetryCount>0</RetryCount>' +
    '<ParameterList/></cwmp:Inform></soap:Body></soap:Envelope>',
} as const satisfies Record<string, string>
