/**
 * The typed CWMP message model: what the codec decodes SOAP envelopes into and encodes
 * them from. Field names are the XSD argument names in camelCase; every RPC body carries
 * its element name in `method`, so a body is a discriminated union.
 *
 * Values that a device may send malformed but that must not lose a session (dateTimes,
 * parameter values) are kept as the strings received.
 */

/** The three SOAP namespaces of CWMP; 1.3 and 1.4 keep `cwmp-1-2`. */
export const CWMP_NAMESPACES = [
  'urn:dslforum-org:cwmp-1-0',
  'urn:dslforum-org:cwmp-1-1',
  'urn:dslforum-org:cwmp-1-2',
] as const
export type CwmpNamespace = (typeof CWMP_NAMESPACES)[number]

/** Protocol versions negotiated through SupportedCWMPVersions / UseCWMPVersion. */
export const CWMP_VERSIONS = ['1.0', '1.1', '1.2', '1.3', '1.4'] as const
export type CwmpVersion = (typeof CWMP_VERSIONS)[number]

/** xsi:type of a parameter value; anything unrecognised decodes as xsd:string. */
export const XSD_TYPES = [
  'xsd:string',
  'xsd:int',
  'xsd:unsignedInt',
  'xsd:long',
  'xsd:unsignedLong',
  'xsd:boolean',
  'xsd:dateTime',
  'xsd:base64',
  'xsd:hexBinary',
  'xsd:decimal',
] as const
export type XsdType = (typeof XSD_TYPES)[number]

/** A parameter value exactly as sent: the text is never trimmed or re-formatted. */
export interface ParameterValue {
  name: string
  value: string
  type: XsdType
}

export interface ParameterInfo {
  name: string
  writable: boolean
}

export interface ParameterAttribute {
  name: string
  notification: number
  accessList: string[]
}

export interface SetParameterAttribute {
  name: string
  notificationChange: boolean
  notification: number
  accessListChange: boolean
  accessList: string[]
}

export interface DeviceIdStruct {
  manufacturer: string
  oui: string
  productClass: string
  serialNumber: string
}

export interface EventStruct {
  eventCode: string
  commandKey: string
}

export interface FaultStruct {
  faultCode: number
  faultString: string
}

export interface TimeWindow {
  windowStart: number
  windowEnd: number
  windowMode: string
  userMessage: string
  maxRetries: number
}

export interface QueuedTransfer {
  commandKey: string
  state: number
}

export interface AllQueuedTransfer extends QueuedTransfer {
  isDownload: boolean
  fileType: string
  fileSize: number
  targetFileName: string
}

export interface OptionStruct {
  optionName: string
  voucherSn: number
  state: number
  mode: number
  startDate: string
  expirationDate?: string
  isTransferable: number
}

export interface InstallOperation {
  type: 'Install'
  url: string
  uuid?: string
  username?: string
  password?: string
  executionEnvRef?: string
}
export interface UpdateOperation {
  type: 'Update'
  uuid?: string
  version?: string
  url?: string
  username?: string
  password?: string
}
export interface UninstallOperation {
  type: 'Uninstall'
  uuid: string
  version?: string
  executionEnvRef?: string
}
export type DuOperation = InstallOperation | UpdateOperation | UninstallOperation

export interface OpResult {
  uuid: string
  deploymentUnitRef: string
  version: string
  currentState: string
  resolved: boolean
  executionUnitRefList: string
  startTime: string
  completeTime: string
  fault: FaultStruct
}
export interface AutonOpResult extends OpResult {
  operationPerformed: string
}

export interface ArgStruct {
  name: string
  value: string
}

// ---- CPE methods: requests the ACS sends (A.3.2) ----

export interface GetRPCMethods { method: 'GetRPCMethods' }
export interface SetParameterValues { method: 'SetParameterValues'; parameterList: ParameterValue[]; parameterKey: string }
export interface GetParameterValues { method: 'GetParameterValues'; parameterNames: string[] }
export interface GetParameterNames { method: 'GetParameterNames'; parameterPath: string; nextLevel: boolean }
export interface SetParameterAttributes { method: 'SetParameterAttributes'; parameterList: SetParameterAttribute[] }
export interface GetParameterAttributes { method: 'GetParameterAttributes'; parameterNames: string[] }
export interface AddObject { method: 'AddObject'; objectName: string; parameterKey: string }
export interface DeleteObject { method: 'DeleteObject'; objectName: string; parameterKey: string }
export interface Reboot { method: 'Reboot'; commandKey: string }
export interface Download {
  method: 'Download'
  commandKey: string
  fileType: string
  url: string
  username: string
  password: string
  fileSize: number
  targetFileName: string
  delaySeconds: number
  successUrl: string
  failureUrl: string
}
export interface Upload {
  method: 'Upload'
  commandKey: string
  fileType: string
  url: string
  username: string
  password: string
  delaySeconds: number
}
export interface FactoryReset { method: 'FactoryReset' }
export interface GetQueuedTransfers { method: 'GetQueuedTransfers' }
export interface GetAllQueuedTransfers { method: 'GetAllQueuedTransfers' }
export interface ScheduleInform { method: 'ScheduleInform'; delaySeconds: number; commandKey: string }
export interface SetVouchers { method: 'SetVouchers'; voucherList: string[] }
export interface GetOptions { method: 'GetOptions'; optionName: string }
export interface ScheduleDownload {
  method: 'ScheduleDownload'
  commandKey: string
  fileType: string
  url: string
  username: string
  password: string
  fileSize: number
  targetFileName: string
  timeWindowList: TimeWindow[]
}
export interface CancelTransfer { method: 'CancelTransfer'; commandKey: string }
export interface ChangeDUState { method: 'ChangeDUState'; operations: DuOperation[]; commandKey?: string }

/** Every request an ACS may send to a CPE. */
export type CpeRequest =
  | GetRPCMethods
  | SetParameterValues
  | GetParameterValues
  | GetParameterNames
  | SetParameterAttributes
  | GetParameterAttributes
  | AddObject
  | DeleteObject
  | Reboot
  | Download
  | Upload
  | FactoryReset
  | GetQueuedTransfers
  | GetAllQueuedTransfers
  | ScheduleInform
  | SetVouchers
  | GetOptions
  | ScheduleDownload
  | CancelTransfer
  | ChangeDUState

// ---- CPE responses to those requests ----

export interface GetRPCMethodsResponse { method: 'GetRPCMethodsResponse'; methodList: string[] }
export interface SetParameterValuesResponse { method: 'SetParameterValuesResponse'; status: number }
export interface GetParameterValuesResponse { method: 'GetParameterValuesResponse'; parameterList: ParameterValue[] }
export interface GetParameterNamesResponse { method: 'GetParameterNamesResponse'; parameterList: ParameterInfo[] }
export interface SetParameterAttributesResponse { method: 'SetParameterAttributesResponse' }
export interface GetParameterAttributesResponse { method: 'GetParameterAttributesResponse'; parameterList: ParameterAttribute[] }
export interface AddObjectResponse { method: 'AddObjectResponse'; instanceNumber: number; status: number }
export interface DeleteObjectResponse { method: 'DeleteObjectResponse'; status: number }
export interface RebootResponse { method: 'RebootResponse' }
export interface DownloadResponse { method: 'DownloadResponse'; status: number; startTime: string; completeTime: string }
export interface UploadResponse { method: 'UploadResponse'; status: number; startTime: string; completeTime: string }
export interface FactoryResetResponse { method: 'FactoryResetResponse' }
export interface GetQueuedTransfersResponse { method: 'GetQueuedTransfersResponse'; transferList: QueuedTransfer[] }
export interface GetAllQueuedTransfersResponse { method: 'GetAllQueuedTransfersResponse'; transferList: AllQueuedTransfer[] }
export interface ScheduleInformResponse { method: 'ScheduleInformResponse' }
export interface SetVouchersResponse { method: 'SetVouchersResponse' }
export interface GetOptionsResponse { method: 'GetOptionsResponse'; optionList: OptionStruct[] }
export interface ScheduleDownloadResponse { method: 'ScheduleDownloadResponse' }
export interface CancelTransferResponse { method: 'CancelTransferResponse' }
export interface ChangeDUStateResponse { method: 'ChangeDUStateResponse' }

export type CpeResponse =
  | GetRPCMethodsResponse
  | SetParameterValuesResponse
  | GetParameterValuesResponse
  | GetParameterNamesResponse
  | SetParameterAttributesResponse
  | GetParameterAttributesResponse
  | AddObjectResponse
  | DeleteObjectResponse
  | RebootResponse
  | DownloadResponse
  | UploadResponse
  | FactoryResetResponse
  | GetQueuedTransfersResponse
  | GetAllQueuedTransfersResponse
  | ScheduleInformResponse
  | SetVouchersResponse
  | GetOptionsResponse
  | ScheduleDownloadResponse
  | CancelTransferResponse
  | ChangeDUStateResponse

// ---- ACS methods: requests a CPE sends (A.3.3) ----

export interface Inform {
  method: 'Inform'
  deviceId: DeviceIdStruct
  events: EventStruct[]
  maxEnvelopes: number
  currentTime: string
  retryCount: number
  parameterList: ParameterValue[]
}
export interface TransferComplete {
  method: 'TransferComplete'
  commandKey: string
  faultStruct: FaultStruct
  startTime: string
  completeTime: string
}
export interface AutonomousTransferComplete {
  method: 'AutonomousTransferComplete'
  announceUrl: string
  transferUrl: string
  isDownload: boolean
  fileType: string
  fileSize: number
  targetFileName: string
  faultStruct: FaultStruct
  startTime: string
  completeTime: string
}
export interface DUStateChangeComplete { method: 'DUStateChangeComplete'; results: OpResult[]; commandKey?: string }
export interface AutonomousDUStateChangeComplete { method: 'AutonomousDUStateChangeComplete'; results: AutonOpResult[] }
export interface RequestDownload { method: 'RequestDownload'; fileType: string; fileTypeArg: ArgStruct[] }
export interface Kicked { method: 'Kicked'; command: string; referer: string; arg: string; next: string }

/** Every request a CPE may send to the ACS (GetRPCMethods is shared with the CPE side). */
export type AcsRequest =
  | Inform
  | TransferComplete
  | AutonomousTransferComplete
  | DUStateChangeComplete
  | AutonomousDUStateChangeComplete
  | RequestDownload
  | Kicked
  | GetRPCMethods

// ---- ACS responses to those requests ----

export interface InformResponse { method: 'InformResponse'; maxEnvelopes: number }
export interface TransferCompleteResponse { method: 'TransferCompleteResponse' }
export interface AutonomousTransferCompleteResponse { method: 'AutonomousTransferCompleteResponse' }
export interface DUStateChangeCompleteResponse { method: 'DUStateChangeCompleteResponse' }
export interface AutonomousDUStateChangeCompleteResponse { method: 'AutonomousDUStateChangeCompleteResponse' }
export interface RequestDownloadResponse { method: 'RequestDownloadResponse' }
export interface KickedResponse { method: 'KickedResponse'; nextUrl: string }

export type AcsResponse =
  | InformResponse
  | TransferCompleteResponse
  | AutonomousTransferCompleteResponse
  | DUStateChangeCompleteResponse
  | AutonomousDUStateChangeCompleteResponse
  | RequestDownloadResponse
  | KickedResponse
  | GetRPCMethodsResponse

// ---- Faults (A.5) ----

export interface SetParameterValuesFault {
  parameterName: string
  faultCode: number
  faultString: string
}

/** A SOAP 1.1 Fault whose detail is a cwmp:Fault. */
export interface Fault {
  method: 'Fault'
  /** SOAP faultcode without prefix: 'Client' or 'Server' (kept as sent otherwise). */
  faultCode: string
  faultString: string
  detail: {
    faultCode: number
    faultString: string
    setParameterValuesFault?: SetParameterValuesFault[]
  }
}

/** Anything that can stand in a SOAP Body. */
export type CwmpBody = CpeRequest | CpeResponse | AcsRequest | AcsResponse | Fault
export type CwmpMethod = CwmpBody['method']

/** The SOAP Header elements of CWMP (§2.5); unknown header elements are ignored. */
export interface SoapHeader {
  id?: string
  holdRequests?: boolean
  sessionTimeout?: number
  /** From the 1.4 header `SupportedCWMPVersions`, e.g. ['1.0', '1.4']; kept as sent. */
  supportedCwmpVersions?: string[]
  useCwmpVersion?: string
  /** CWMP 1.0's deprecated NoMoreRequests header. */
  noMoreRequests?: boolean
}

export interface Envelope<B extends CwmpBody = CwmpBody> {
  /** The cwmp namespace the message used; replies use the same one. */
  namespace: CwmpNamespace
  header: SoapHeader
  body: B
}
