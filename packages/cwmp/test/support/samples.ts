/** Realistic sample bodies, one per method of the model; the mapped type makes a missing one a compile error. */
import type { CwmpBody, CwmpMethod, CwmpNamespace, Envelope, ParameterValue } from '@acs/cwmp'

type BodyOf<M extends CwmpMethod> = Extract<CwmpBody, { method: M }>

/** A few parameter values with the awkward bits real ones have: markup characters, padding, unicode, CR/LF. */
export function someParameterValues(): ParameterValue[] {
  return [
    { name: 'Device.DeviceInfo.SoftwareVersion', value: '4.2.1', type: 'xsd:string' },
    { name: 'Device.ManagementServer.ConnectionRequestURL', value: 'http://192.0.2.10:7547/cr?a=1&b=<2>', type: 'xsd:string' },
    { name: 'Device.ManagementServer.PeriodicInformInterval', value: '3600', type: 'xsd:unsignedInt' },
    { name: 'Device.ManagementServer.PeriodicInformEnable', value: 'true', type: 'xsd:boolean' },
    { name: 'Device.WiFi.SSID.1.SSID', value: '  café "guest" \'net\'  ', type: 'xsd:string' },
    { name: 'Device.DeviceInfo.X_EXAMPLE_Banner', value: 'line 1\r\nline 2\n\ttabbed', type: 'xsd:string' },
    { name: 'Device.DeviceInfo.UpTime', value: '86400', type: 'xsd:unsignedInt' },
    { name: 'Device.Time.CurrentLocalTime', value: '2025-03-01T10:00:00Z', type: 'xsd:dateTime' },
    { name: 'Device.Ethernet.Interface.1.Stats.BytesSent', value: '18446744073709551615', type: 'xsd:unsignedLong' },
    { name: 'Device.X_EXAMPLE.Offset', value: '-5', type: 'xsd:int' },
    { name: 'Device.X_EXAMPLE.Big', value: '-9007199254740993', type: 'xsd:long' },
    { name: 'Device.X_EXAMPLE.Cert', value: 'SGVsbG8=', type: 'xsd:base64' },
    { name: 'Device.X_EXAMPLE.Mac', value: '0a1B2c', type: 'xsd:hexBinary' },
    { name: 'Device.X_EXAMPLE.Ratio', value: '0.75', type: 'xsd:decimal' },
    { name: 'Device.DeviceInfo.ProvisioningCode', value: '', type: 'xsd:string' },
  ]
}

const fault0 = { faultCode: 0, faultString: '' }
const opResult = {
  uuid: '4d6c6d1e-9a1c-4e5d-8f0b-2c1f3a9b7e11',
  deploymentUnitRef: 'Device.SoftwareModules.DeploymentUnit.3',
  version: '1.2.0',
  currentState: 'Installed',
  resolved: true,
  executionUnitRefList: 'Device.SoftwareModules.ExecutionUnit.5,Device.SoftwareModules.ExecutionUnit.6',
  startTime: '2025-03-01T10:01:00Z',
  completeTime: '2025-03-01T10:01:09Z',
  fault: fault0,
}

/** One realistic body per method. */
export const SAMPLE_BODIES: { [M in CwmpMethod]: BodyOf<M> } = {
  GetRPCMethods: { method: 'GetRPCMethods' },
  SetParameterValues: { method: 'SetParameterValues', parameterList: someParameterValues().slice(0, 6), parameterKey: 'cfg-r17' },
  GetParameterValues: { method: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.SoftwareVersion', 'Device.IP.Diagnostics.IPPing.'] },
  GetParameterNames: { method: 'GetParameterNames', parameterPath: 'Device.WiFi.SSID.', nextLevel: true },
  SetParameterAttributes: {
    method: 'SetParameterAttributes',
    parameterList: [
      { name: 'Device.DeviceInfo.SoftwareVersion', notificationChange: true, notification: 2, accessListChange: false, accessList: [] },
      { name: 'Device.WiFi.SSID.', notificationChange: false, notification: 0, accessListChange: true, accessList: ['Subscriber'] },
    ],
  },
  GetParameterAttributes: { method: 'GetParameterAttributes', parameterNames: ['Device.ManagementServer.'] },
  AddObject: { method: 'AddObject', objectName: 'Device.NAT.PortMapping.', parameterKey: 'pm-3' },
  DeleteObject: { method: 'DeleteObject', objectName: 'Device.NAT.PortMapping.4.', parameterKey: '' },
  Reboot: { method: 'Reboot', commandKey: 'job-8812' },
  Download: {
    method: 'Download',
    commandKey: 'fw-2025-03-rollout-7',
    fileType: '1 Firmware Upgrade Image',
    url: 'https://files.example.net/fw/hgw9-4.3.0.bin?sig=a&exp=1',
    username: 'fw',
    password: 'p<a>ss&',
    fileSize: 31457280,
    targetFileName: '',
    delaySeconds: 0,
    successUrl: '',
    failureUrl: '',
  },
  Upload: {
    method: 'Upload',
    commandKey: 'ul-cfg-55',
    fileType: '3 Vendor Configuration File 1',
    url: 'https://files.example.net/upload/00AABB-HGW9-SN0001/cfg',
    username: 'u',
    password: 'p',
    delaySeconds: 10,
  },
  FactoryReset: { method: 'FactoryReset' },
  GetQueuedTransfers: { method: 'GetQueuedTransfers' },
  GetAllQueuedTransfers: { method: 'GetAllQueuedTransfers' },
  ScheduleInform: { method: 'ScheduleInform', delaySeconds: 300, commandKey: 'si-77' },
  SetVouchers: { method: 'SetVouchers', voucherList: ['MIAGCSqGSIb3DQEHAqCAMIACAQEx', 'U2Vjb25kIHZvdWNoZXI='] },
  GetOptions: { method: 'GetOptions', optionName: '' },
  ScheduleDownload: {
    method: 'ScheduleDownload',
    commandKey: 'fw-night-19',
    fileType: '1 Firmware Upgrade Image',
    url: 'https://files.example.net/fw/hgw9-4.3.0.bin',
    username: '',
    password: '',
    fileSize: 31457280,
    targetFileName: 'fw.bin',
    timeWindowList: [
      { windowStart: 3600, windowEnd: 14400, windowMode: '3 When Idle', userMessage: '', maxRetries: 2 },
      { windowStart: 20000, windowEnd: 30000, windowMode: '4 Confirmation Needed', userMessage: 'Update tonight?', maxRetries: -1 },
    ],
  },
  CancelTransfer: { method: 'CancelTransfer', commandKey: 'fw-night-19' },
  ChangeDUState: {
    method: 'ChangeDUState',
    operations: [
      {
        type: 'Install',
        url: 'https://files.example.net/du/speedtest-1.2.ipk',
        uuid: '4d6c6d1e-9a1c-4e5d-8f0b-2c1f3a9b7e11',
        username: '',
        password: '',
        executionEnvRef: 'Device.SoftwareModules.ExecEnv.1',
      },
      { type: 'Update', uuid: '1b8e7c52-2f8d-4c73-9d7e-5a4c1e2b3f61', version: '2.0', url: 'https://files.example.net/du/x-2.0.ipk' },
      { type: 'Uninstall', uuid: '0b8e7c52-2f8d-4c73-9d7e-5a4c1e2b3f60' },
    ],
    commandKey: 'du-1001',
  },

  GetRPCMethodsResponse: { method: 'GetRPCMethodsResponse', methodList: ['GetRPCMethods', 'GetParameterValues', 'Download'] },
  SetParameterValuesResponse: { method: 'SetParameterValuesResponse', status: 1 },
  GetParameterValuesResponse: { method: 'GetParameterValuesResponse', parameterList: someParameterValues() },
  GetParameterNamesResponse: {
    method: 'GetParameterNamesResponse',
    parameterList: [
      { name: 'Device.WiFi.SSID.1.', writable: false },
      { name: 'Device.WiFi.SSID.1.SSID', writable: true },
    ],
  },
  SetParameterAttributesResponse: { method: 'SetParameterAttributesResponse' },
  GetParameterAttributesResponse: {
    method: 'GetParameterAttributesResponse',
    parameterList: [
      { name: 'Device.DeviceInfo.SerialNumber', notification: 0, accessList: ['Subscriber'] },
      { name: 'Device.DeviceInfo.SoftwareVersion', notification: 2, accessList: [] },
    ],
  },
  AddObjectResponse: { method: 'AddObjectResponse', instanceNumber: 4, status: 0 },
  DeleteObjectResponse: { method: 'DeleteObjectResponse', status: 0 },
  RebootResponse: { method: 'RebootResponse' },
  DownloadResponse: { method: 'DownloadResponse', status: 1, startTime: '0001-01-01T00:00:00Z', completeTime: '0001-01-01T00:00:00Z' },
  UploadResponse: { method: 'UploadResponse', status: 0, startTime: '2025-03-01T10:00:00Z', completeTime: '2025-03-01T10:00:03.25+01:00' },
  FactoryResetResponse: { method: 'FactoryResetResponse' },
  GetQueuedTransfersResponse: { method: 'GetQueuedTransfersResponse', transferList: [{ commandKey: 'fw-1', state: 2 }] },
  GetAllQueuedTransfersResponse: {
    method: 'GetAllQueuedTransfersResponse',
    transferList: [
      { commandKey: 'fw-1', state: 1, isDownload: true, fileType: '1 Firmware Upgrade Image', fileSize: 1024, targetFileName: '' },
      { commandKey: '', state: 3, isDownload: false, fileType: '4 Vendor Log File 1', fileSize: 0, targetFileName: 'log.txt' },
    ],
  },
  ScheduleInformResponse: { method: 'ScheduleInformResponse' },
  SetVouchersResponse: { method: 'SetVouchersResponse' },
  GetOptionsResponse: {
    method: 'GetOptionsResponse',
    optionList: [
      { optionName: 'VoIP', voucherSn: 12, state: 3, mode: 1, startDate: '2025-01-01T00:00:00Z', expirationDate: '2026-01-01T00:00:00Z', isTransferable: 0 },
      { optionName: 'IPTV', voucherSn: 13, state: 1, mode: 2, startDate: '2025-01-01T00:00:00Z', isTransferable: 1 },
    ],
  },
  ScheduleDownloadResponse: { method: 'ScheduleDownloadResponse' },
  CancelTransferResponse: { method: 'CancelTransferResponse' },
  ChangeDUStateResponse: { method: 'ChangeDUStateResponse' },

  Inform: {
    method: 'Inform',
    deviceId: { manufacturer: 'ExampleCo', oui: '00AABB', productClass: 'HGW-9', serialNumber: 'SN0001' },
    events: [
      { eventCode: '1 BOOT', commandKey: '' },
      { eventCode: 'M Reboot', commandKey: 'reboot-42' },
    ],
    maxEnvelopes: 1,
    currentTime: '2025-03-01T10:00:00Z',
    retryCount: 0,
    parameterList: someParameterValues(),
  },
  TransferComplete: {
    method: 'TransferComplete',
    commandKey: 'fw-2025-03-rollout-7',
    faultStruct: { faultCode: 9015, faultString: 'File transfer failure: unable to contact file server' },
    startTime: '2025-03-01T09:58:02Z',
    completeTime: '2025-03-01T10:00:41Z',
  },
  AutonomousTransferComplete: {
    method: 'AutonomousTransferComplete',
    announceUrl: '',
    transferUrl: 'http://lan.example/fw.bin',
    isDownload: true,
    fileType: '1 Firmware Upgrade Image',
    fileSize: 4096,
    targetFileName: '',
    faultStruct: fault0,
    startTime: '2025-03-01T09:00:00Z',
    completeTime: '2025-03-01T09:05:00Z',
  },
  DUStateChangeComplete: {
    method: 'DUStateChangeComplete',
    results: [opResult, { ...opResult, uuid: '0b8e7c52-2f8d-4c73-9d7e-5a4c1e2b3f60', currentState: 'Failed', resolved: false, fault: { faultCode: 9016, faultString: 'File access failure' } }],
    commandKey: 'du-1001',
  },
  AutonomousDUStateChangeComplete: {
    method: 'AutonomousDUStateChangeComplete',
    results: [{ ...opResult, operationPerformed: 'Install' }],
  },
  RequestDownload: { method: 'RequestDownload', fileType: '2 Web Content', fileTypeArg: [{ name: 'Version', value: '1.2' }] },
  Kicked: { method: 'Kicked', command: 'login', referer: 'http://portal.example/', arg: 'user=a&b', next: 'http://portal.example/next' },

  InformResponse: { method: 'InformResponse', maxEnvelopes: 1 },
  TransferCompleteResponse: { method: 'TransferCompleteResponse' },
  AutonomousTransferCompleteResponse: { method: 'AutonomousTransferCompleteResponse' },
  DUStateChangeCompleteResponse: { method: 'DUStateChangeCompleteResponse' },
  AutonomousDUStateChangeCompleteResponse: { method: 'AutonomousDUStateChangeCompleteResponse' },
  RequestDownloadResponse: { method: 'RequestDownloadResponse' },
  KickedResponse: { method: 'KickedResponse', nextUrl: 'http://portal.example/welcome' },

  Fault: {
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
  },
}

/** Wraps a body in an envelope with a typical header. */
export function envelopeOf<B extends CwmpBody>(body: B, namespace: CwmpNamespace = 'urn:dslforum-org:cwmp-1-2'): Envelope<B> {
  return { namespace, header: { id: `id-${body.method}` }, body }
}
