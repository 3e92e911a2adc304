/** Fault codes of TR-069 Annex A.5 as data: handlers branch on these names, never on bare numbers. */

/** Faults the ACS sends in answer to a CPE request (§8.1). */
export const AcsFault = {
  MethodNotSupported: 8000,
  RequestDenied: 8001,
  InternalError: 8002,
  InvalidArguments: 8003,
  ResourcesExceeded: 8004,
  RetryRequest: 8005,
  VersionIncompatible: 8006,
} as const
export type AcsFaultCode = (typeof AcsFault)[keyof typeof AcsFault]

/** Faults a CPE returns to an ACS request or reports in a transfer / DU result (§8.2). */
export const CpeFault = {
  MethodNotSupported: 9000,
  RequestDenied: 9001,
  InternalError: 9002,
  InvalidArguments: 9003,
  ResourcesExceeded: 9004,
  InvalidParameterName: 9005,
  InvalidParameterType: 9006,
  InvalidParameterValue: 9007,
  NonWritableParameter: 9008,
  NotificationRequestRejected: 9009,
  DownloadFailure: 9010,
  UploadFailure: 9011,
  FileTransferServerAuthenticationFailure: 9012,
  UnsupportedProtocol: 9013,
  MulticastJoinFailure: 9014,
  FileServerUnreachable: 9015,
  FileAccessFailure: 9016,
  DownloadIncomplete: 9017,
  FileCorrupted: 9018,
  FileAuthenticationFailure: 9019,
  TimeWindowsExceeded: 9020,
  CancelNotPermitted: 9021,
  InvalidUuidFormat: 9022,
  UnknownExecutionEnvironment: 9023,
  DisabledExecutionEnvironment: 9024,
  DeploymentUnitMismatch: 9025,
  DuplicateDeploymentUnit: 9026,
  SystemResourcesExceeded: 9027,
  UnknownDeploymentUnit: 9028,
  InvalidDeploymentUnitState: 9029,
  DowngradeNotPermitted: 9030,
  VersionNotSpecified: 9031,
  VersionAlreadyExists: 9032,
} as const
export type CpeFaultCode = (typeof CpeFault)[keyof typeof CpeFault]

/** The fault strings this project sends, keyed by code. */
export const FAULT_STRINGS: Readonly<Record<number, string>> = {
  8000: 'Method not supported',
  8001: 'Request denied',
  8002: 'Internal error',
  8003: 'Invalid arguments',
  8004: 'Resources exceeded',
  8005: 'Retry request',
  8006: 'ACS version incompatible with CPE',
  9000: 'Method not supported',
  9001: 'Request denied',
  9002: 'Internal error',
  9003: 'Invalid arguments',
  9004: 'Resources exceeded',
  9005: 'Invalid parameter name',
  9006: 'Invalid parameter type',
  9007: 'Invalid parameter value',
  9008: 'Attempt to set a non-writable parameter',
  9009: 'Notification request rejected',
  9010: 'File transfer failure',
  9011: 'Upload failure',
  9012: 'File transfer server authentication failure',
  9013: 'Unsupported protocol for file transfer',
  9014: 'File transfer failure: unable to join multicast group',
  9015: 'File transfer failure: unable to contact file server',
  9016: 'File transfer failure: unable to access file',
  9017: 'File transfer failure: unable to complete download',
  9018: 'File transfer failure: file corrupted',
  9019: 'File transfer failure: file authentication failure',
  9020: 'File transfer failure: unable to complete download within specified time windows',
  9021: 'Cancelation of file transfer not permitted in current transfer state',
  9022: 'Invalid UUID format',
  9023: 'Unknown Execution Environment',
  9024: 'Disabled Execution Environment',
  9025: 'Deployment Unit to Execution Environment mismatch',
  9026: 'Duplicate Deployment Unit',
  9027: 'System resources exceeded',
  9028: 'Unknown Deployment Unit',
  9029: 'Invalid Deployment Unit state',
  9030: 'Invalid Deployment Unit Update: downgrade not permitted',
  9031: 'Invalid Deployment Unit Update: version not specified',
  9032: 'Invalid Deployment Unit Update: version already exists',
}

/** SOAP faultcode for a CWMP fault code: the requester's fault is 'Client', the rest 'Server' (§8.3). */
export function soapFaultCodeFor(code: number): 'Client' | 'Server' {
  return code === 8003 || code === 9003 || (code >= 9005 && code <= 9009) ? 'Client' : 'Server'
}
