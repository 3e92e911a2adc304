/** Specs of the CPE methods (requests an ACS sends, A.3.2) and their responses. */
import {
  PARAMETER_VALUE_ITEM, array, custom, scalar, stringItem, struct, structItem, type StructSpec,
} from './field-spec.js'
import {
  ALL_QUEUED_TRANSFER, LIMITS, OPTION, PARAMETER_ATTRIBUTE, PARAMETER_INFO, QUEUED_TRANSFER,
  SET_PARAMETER_ATTRIBUTE, TIME_WINDOW,
} from './structs.js'

const commandKey = scalar('CommandKey', 'commandKey', 'string', { maxLength: LIMITS.key, presence: 'defaulted' })
const parameterKey = scalar('ParameterKey', 'parameterKey', 'string', { maxLength: LIMITS.key, presence: 'defaulted' })
const parameterNames = array('ParameterNames', 'parameterNames', 'xsd:string', 'string', stringItem(LIMITS.name))
const parameterValueList = array('ParameterList', 'parameterList', 'cwmp:ParameterValueStruct', 'ParameterValueStruct', PARAMETER_VALUE_ITEM)
const status = scalar('Status', 'status', 'int')
const startTime = scalar('StartTime', 'startTime', 'dateTime')
const completeTime = scalar('CompleteTime', 'completeTime', 'dateTime')
const fileType = scalar('FileType', 'fileType', 'string', { maxLength: LIMITS.fileType })
const url = scalar('URL', 'url', 'string', { maxLength: LIMITS.url })
const username = scalar('Username', 'username', 'string', { maxLength: LIMITS.credential, presence: 'defaulted' })
const password = scalar('Password', 'password', 'string', { maxLength: LIMITS.credential, presence: 'defaulted' })
const fileSize = scalar('FileSize', 'fileSize', 'unsignedInt', { presence: 'defaulted' })
const targetFileName = scalar('TargetFileName', 'targetFileName', 'string', { maxLength: LIMITS.fileName, presence: 'defaulted' })
const delaySeconds = scalar('DelaySeconds', 'delaySeconds', 'unsignedInt')
const objectName = scalar('ObjectName', 'objectName', 'string', { maxLength: LIMITS.name })

const empty = (name: string): StructSpec => struct(name, [])

/** Requests an ACS sends to a CPE. */
export const CPE_REQUEST_SPECS: readonly StructSpec[] = [
  empty('GetRPCMethods'),
  struct('SetParameterValues', [parameterValueList, parameterKey]),
  struct('GetParameterValues', [parameterNames]),
  struct('GetParameterNames', [
    scalar('ParameterPath', 'parameterPath', 'string', { maxLength: LIMITS.name, presence: 'defaulted' }),
    scalar('NextLevel', 'nextLevel', 'boolean'),
  ]),
  struct('SetParameterAttributes', [
    array('ParameterList', 'parameterList', 'cwmp:SetParameterAttributesStruct', 'SetParameterAttributesStruct', structItem(SET_PARAMETER_ATTRIBUTE)),
  ]),
  struct('GetParameterAttributes', [parameterNames]),
  struct('AddObject', [objectName, parameterKey]),
  struct('DeleteObject', [objectName, parameterKey]),
  struct('Reboot', [commandKey]),
  struct('Download', [
    commandKey, fileType, url, username, password, fileSize, targetFileName, delaySeconds,
    scalar('SuccessURL', 'successUrl', 'string', { maxLength: LIMITS.url, presence: 'defaulted' }),
    scalar('FailureURL', 'failureUrl', 'string', { maxLength: LIMITS.url, presence: 'defaulted' }),
  ]),
  struct('Upload', [commandKey, fileType, url, username, password, delaySeconds]),
  empty('FactoryReset'),
  empty('GetQueuedTransfers'),
  empty('GetAllQueuedTransfers'),
  struct('ScheduleInform', [delaySeconds, commandKey]),
  struct('SetVouchers', [array('VoucherList', 'voucherList', 'soapenc:base64', 'base64', { kind: 'scalar', scalar: 'base64' })]),
  struct('GetOptions', [scalar('OptionName', 'optionName', 'string', { maxLength: 64, presence: 'defaulted' })]),
  struct('ScheduleDownload', [
    commandKey, fileType, url, username, password, fileSize, targetFileName,
    array('TimeWindowList', 'timeWindowList', 'cwmp:TimeWindowStruct', 'TimeWindowStruct', structItem(TIME_WINDOW), { minItems: 1, maxItems: 2 }),
  ]),
  struct('CancelTransfer', [commandKey]),
  struct('ChangeDUState', [
    custom('Operations', 'operations', 'duOperations'),
    scalar('CommandKey', 'commandKey', 'string', { maxLength: LIMITS.key, presence: 'optional' }),
  ]),
]

/** A CPE's responses to those requests. */
export const CPE_RESPONSE_SPECS: readonly StructSpec[] = [
  struct('GetRPCMethodsResponse', [array('MethodList', 'methodList', 'xsd:string', 'string', stringItem(LIMITS.methodName))]),
  struct('SetParameterValuesResponse', [status]),
  struct('GetParameterValuesResponse', [parameterValueList]),
  struct('GetParameterNamesResponse', [
    array('ParameterList', 'parameterList', 'cwmp:ParameterInfoStruct', 'ParameterInfoStruct', structItem(PARAMETER_INFO)),
  ]),
  empty('SetParameterAttributesResponse'),
  struct('GetParameterAttributesResponse', [
    array('ParameterList', 'parameterList', 'cwmp:ParameterAttributeStruct', 'ParameterAttributeStruct', structItem(PARAMETER_ATTRIBUTE)),
  ]),
  struct('AddObjectResponse', [scalar('InstanceNumber', 'instanceNumber', 'unsignedInt'), status]),
  struct('DeleteObjectResponse', [status]),
  empty('RebootResponse'),
  struct('DownloadResponse', [status, startTime, completeTime]),
  struct('UploadResponse', [status, startTime, completeTime]),
  empty('FactoryResetResponse'),
  struct('GetQueuedTransfersResponse', [
    array('TransferList', 'transferList', 'cwmp:QueuedTransferStruct', 'QueuedTransferStruct', structItem(QUEUED_TRANSFER), { presence: 'defaulted', maxItems: 16 }),
  ]),
  struct('GetAllQueuedTransfersResponse', [
    array('TransferList', 'transferList', 'cwmp:AllQueuedTransferStruct', 'AllQueuedTransferStruct', structItem(ALL_QUEUED_TRANSFER), { presence: 'defaulted', maxItems: 16 }),
  ]),
  empty('ScheduleInformResponse'),
  empty('SetVouchersResponse'),
  struct('GetOptionsResponse', [
    array('OptionList', 'optionList', 'cwmp:OptionStruct', 'OptionStruct', structItem(OPTION), { presence: 'defaulted' }),
  ]),
  empty('ScheduleDownloadResponse'),
  empty('CancelTransferResponse'),
  empty('ChangeDUStateResponse'),
]
