/** Classification of CWMP method names by who sends them, and request -> response names. */
import type { AcsRequest, AcsResponse, CpeRequest, CpeResponse, CwmpMethod } from './types.js'

type Names<T extends { method: string }> = readonly T['method'][]

const CPE_REQUESTS: Names<CpeRequest> = [
  'GetRPCMethods', 'SetParameterValues', 'GetParameterValues', 'GetParameterNames',
  'SetParameterAttributes', 'GetParameterAttributes', 'AddObject', 'DeleteObject', 'Reboot',
  'Download', 'Upload', 'FactoryReset', 'GetQueuedTransfers', 'GetAllQueuedTransfers',
  'ScheduleInform', 'SetVouchers', 'GetOptions', 'ScheduleDownload', 'CancelTransfer', 'ChangeDUState',
]
const ACS_REQUESTS: Names<AcsRequest> = [
  'Inform', 'TransferComplete', 'AutonomousTransferComplete', 'DUStateChangeComplete',
  'AutonomousDUStateChangeComplete', 'RequestDownload', 'Kicked', 'GetRPCMethods',
]
const CPE_RESPONSES: Names<CpeResponse> = CPE_REQUESTS.map((m) => `${m}Response` as const)
const ACS_RESPONSES: Names<AcsResponse> = ACS_REQUESTS.map((m) => `${m}Response` as const)

const cpeRequestSet: ReadonlySet<string> = new Set(CPE_REQUESTS)
const cpeResponseSet: ReadonlySet<string> = new Set(CPE_RESPONSES)
const acsRequestSet: ReadonlySet<string> = new Set(ACS_REQUESTS)
const acsResponseSet: ReadonlySet<string> = new Set(ACS_RESPONSES)

/** Every method name of the model, `Fault` included. */
export const ALL_METHODS: readonly CwmpMethod[] = [
  ...new Set<CwmpMethod>([...CPE_REQUESTS, ...CPE_RESPONSES, ...ACS_REQUESTS, ...ACS_RESPONSES, 'Fault']),
]

/** True for a request the ACS sends and a CPE executes (A.3.2), e.g. `GetParameterValues`. */
export function isCpeRequestMethod(method: string): method is CpeRequest['method'] {
  return cpeRequestSet.has(method)
}

/** True for a CPE's response to one of those requests, e.g. `GetParameterValuesResponse`. */
export function isCpeResponseMethod(method: string): method is CpeResponse['method'] {
  return cpeResponseSet.has(method)
}

/** True for a request a CPE sends and the ACS handles (A.3.3): Inform, TransferComplete, ..., GetRPCMethods. */
export function isAcsRequestMethod(method: string): method is AcsRequest['method'] {
  return acsRequestSet.has(method)
}

/** True for the ACS's response to one of those requests, e.g. `InformResponse`. */
export function isAcsResponseMethod(method: string): method is AcsResponse['method'] {
  return acsResponseSet.has(method)
}

/** The response element name for a request method: `Inform` -> `InformResponse`. */
export function responseMethodFor<M extends CpeRequest['method'] | AcsRequest['method']>(requestMethod: M): `${M}Response` {
  return `${requestMethod}Response`
}
