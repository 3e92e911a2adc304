/** Struct specs of cwmp-1-2.xsd (+1-4), fields in XSD order. */
import { array, scalar, stringItem, struct, type StructSpec } from './field-spec.js'

/** XSD length limits checked before sending (cwmp-reference §6, §16). */
export const LIMITS = {
  name: 256,
  key: 32,
  url: 256,
  duUrl: 1024,
  credential: 256,
  fileType: 64,
  fileName: 256,
  accessListEntry: 64,
  methodName: 64,
  eventCode: 64,
} as const

/** DeviceIdStruct (Inform). */
export const DEVICE_ID = struct('DeviceIdStruct', [
  scalar('Manufacturer', 'manufacturer', 'string', { maxLength: 64 }),
  scalar('OUI', 'oui', 'string', { maxLength: 6 }),
  scalar('ProductClass', 'productClass', 'string', { maxLength: 64, presence: 'defaulted' }),
  scalar('SerialNumber', 'serialNumber', 'string', { maxLength: 64 }),
])

/** EventStruct (Inform). */
export const EVENT = struct('EventStruct', [
  scalar('EventCode', 'eventCode', 'string', { maxLength: LIMITS.eventCode }),
  scalar('CommandKey', 'commandKey', 'string', { maxLength: LIMITS.key, presence: 'defaulted' }),
])

/** TransferCompleteFaultStruct: FaultCode 0 + empty string means success. */
export const TRANSFER_FAULT = struct('FaultStruct', [
  scalar('FaultCode', 'faultCode', 'unsignedInt'),
  scalar('FaultString', 'faultString', 'string', { maxLength: 256, presence: 'defaulted' }),
])

/** DeploymentUnitFaultStruct: FaultString is optional in the XSD. */
export const DU_FAULT = struct('DeploymentUnitFaultStruct', [
  scalar('FaultCode', 'faultCode', 'unsignedInt'),
  scalar('FaultString', 'faultString', 'string', { presence: 'defaulted' }),
])

/** ParameterInfoStruct (GetParameterNamesResponse). */
export const PARAMETER_INFO = struct('ParameterInfoStruct', [
  scalar('Name', 'name', 'string', { maxLength: LIMITS.name }),
  scalar('Writable', 'writable', 'boolean'),
])

const accessList = array('AccessList', 'accessList', 'xsd:string', 'string', stringItem(LIMITS.accessListEntry), { presence: 'defaulted' })

/** ParameterAttributeStruct (GetParameterAttributesResponse). */
export const PARAMETER_ATTRIBUTE = struct('ParameterAttributeStruct', [
  scalar('Name', 'name', 'string', { maxLength: LIMITS.name }),
  scalar('Notification', 'notification', 'int'),
  accessList,
])

/** SetParameterAttributesStruct (SetParameterAttributes). */
export const SET_PARAMETER_ATTRIBUTE = struct('SetParameterAttributesStruct', [
  scalar('Name', 'name', 'string', { maxLength: LIMITS.name }),
  scalar('NotificationChange', 'notificationChange', 'boolean'),
  scalar('Notification', 'notification', 'int'),
  scalar('AccessListChange', 'accessListChange', 'boolean'),
  accessList,
])

/** TimeWindowStruct (ScheduleDownload). */
export const TIME_WINDOW = struct('TimeWindowStruct', [
  scalar('WindowStart', 'windowStart', 'unsignedInt'),
  scalar('WindowEnd', 'windowEnd', 'unsignedInt'),
  scalar('WindowMode', 'windowMode', 'string', { maxLength: 64 }),
  scalar('UserMessage', 'userMessage', 'string', { maxLength: 256, presence: 'defaulted' }),
  scalar('MaxRetries', 'maxRetries', 'int'),
])

/** QueuedTransferStruct (GetQueuedTransfersResponse). */
export const QUEUED_TRANSFER = struct('QueuedTransferStruct', [
  scalar('CommandKey', 'commandKey', 'string', { maxLength: LIMITS.key, presence: 'defaulted' }),
  scalar('State', 'state', 'int'),
])

/** AllQueuedTransferStruct (GetAllQueuedTransfersResponse). */
export const ALL_QUEUED_TRANSFER = struct('AllQueuedTransferStruct', [
  scalar('CommandKey', 'commandKey', 'string', { maxLength: LIMITS.key, presence: 'defaulted' }),
  scalar('State', 'state', 'int'),
  scalar('IsDownload', 'isDownload', 'boolean'),
  scalar('FileType', 'fileType', 'string', { maxLength: LIMITS.fileType }),
  scalar('FileSize', 'fileSize', 'unsignedInt'),
  scalar('TargetFileName', 'targetFileName', 'string', { maxLength: LIMITS.fileName, presence: 'defaulted' }),
])

/** OptionStruct (GetOptionsResponse). */
export const OPTION = struct('OptionStruct', [
  scalar('OptionName', 'optionName', 'string', { maxLength: 64 }),
  scalar('VoucherSN', 'voucherSn', 'unsignedInt'),
  scalar('State', 'state', 'unsignedInt'),
  scalar('Mode', 'mode', 'int'),
  scalar('StartDate', 'startDate', 'dateTime'),
  scalar('ExpirationDate', 'expirationDate', 'dateTime', { presence: 'optional' }),
  scalar('IsTransferable', 'isTransferable', 'int'),
])

/** ArgStruct (RequestDownload FileTypeArg). */
export const ARG = struct('ArgStruct', [
  scalar('Name', 'name', 'string', { maxLength: 64 }),
  scalar('Value', 'value', 'string', { maxLength: 256, presence: 'defaulted' }),
])

/** SetParameterValuesFault entry of a cwmp:Fault. */
export const SET_PARAMETER_VALUES_FAULT = struct('SetParameterValuesFault', [
  scalar('ParameterName', 'parameterName', 'string'),
  scalar('FaultCode', 'faultCode', 'unsignedInt'),
  scalar('FaultString', 'faultString', 'string', { presence: 'defaulted' }),
])

/** Fields of OpResultStruct, shared with AutonOpResultStruct. */
const opResultFields = [
  scalar('UUID', 'uuid', 'string'),
  scalar('DeploymentUnitRef', 'deploymentUnitRef', 'string', { presence: 'defaulted' }),
  scalar('Version', 'version', 'string', { maxLength: 32, presence: 'defaulted' }),
  scalar('CurrentState', 'currentState', 'string'),
  scalar('Resolved', 'resolved', 'boolean'),
  scalar('ExecutionUnitRefList', 'executionUnitRefList', 'string', { presence: 'defaulted' }),
  scalar('StartTime', 'startTime', 'dateTime'),
  scalar('CompleteTime', 'completeTime', 'dateTime'),
  { xml: 'Fault', key: 'fault', type: { kind: 'struct', struct: DU_FAULT }, presence: 'required' } as const,
]

/** OpResultStruct (DUStateChangeComplete Results). */
export const OP_RESULT = struct('OpResultStruct', opResultFields)

/** AutonOpResultStruct (AutonomousDUStateChangeComplete Results). */
export const AUTON_OP_RESULT = struct('AutonOpResultStruct', [
  ...opResultFields,
  scalar('OperationPerformed', 'operationPerformed', 'string'),
])

/** InstallOpStruct (ChangeDUState Operations). */
export const INSTALL_OP = struct('InstallOpStruct', [
  scalar('URL', 'url', 'string', { maxLength: LIMITS.duUrl }),
  scalar('UUID', 'uuid', 'string', { presence: 'optional' }),
  scalar('Username', 'username', 'string', { maxLength: LIMITS.credential, presence: 'optional' }),
  scalar('Password', 'password', 'string', { maxLength: LIMITS.credential, presence: 'optional' }),
  scalar('ExecutionEnvRef', 'executionEnvRef', 'string', { maxLength: 256, presence: 'optional' }),
])

/** UpdateOpStruct (ChangeDUState Operations). */
export const UPDATE_OP = struct('UpdateOpStruct', [
  scalar('UUID', 'uuid', 'string', { presence: 'optional' }),
  scalar('Version', 'version', 'string', { maxLength: 32, presence: 'optional' }),
  scalar('URL', 'url', 'string', { maxLength: LIMITS.duUrl, presence: 'optional' }),
  scalar('Username', 'username', 'string', { maxLength: LIMITS.credential, presence: 'optional' }),
  scalar('Password', 'password', 'string', { maxLength: LIMITS.credential, presence: 'optional' }),
])

/** UninstallOpStruct (ChangeDUState Operations). */
export const UNINSTALL_OP = struct('UninstallOpStruct', [
  scalar('UUID', 'uuid', 'string'),
  scalar('Version', 'version', 'string', { maxLength: 32, presence: 'optional' }),
  scalar('ExecutionEnvRef', 'executionEnvRef', 'string', { maxLength: 256, presence: 'optional' }),
])

/** The three operation structs by their `type` discriminator. */
export const DU_OPERATION_SPECS: Readonly<Record<'Install' | 'Update' | 'Uninstall', StructSpec>> = {
  Install: INSTALL_OP,
  Update: UPDATE_OP,
  Uninstall: UNINSTALL_OP,
}
