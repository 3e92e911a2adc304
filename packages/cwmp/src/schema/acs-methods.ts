/** Specs of the ACS methods (requests a CPE sends, A.3.3) and their responses. */
import { PARAMETER_VALUE_ITEM, array, custom, nested, scalar, struct, structItem, type StructSpec } from './field-spec.js'
import { ARG, DEVICE_ID, EVENT, LIMITS, TRANSFER_FAULT } from './structs.js'

const commandKey = scalar('CommandKey', 'commandKey', 'string', { maxLength: LIMITS.key, presence: 'defaulted' })
const faultStruct = nested('FaultStruct', 'faultStruct', TRANSFER_FAULT)
const startTime = scalar('StartTime', 'startTime', 'dateTime')
const completeTime = scalar('CompleteTime', 'completeTime', 'dateTime')
const maxEnvelopes = scalar('MaxEnvelopes', 'maxEnvelopes', 'unsignedInt', { presence: 'defaulted' })

const empty = (name: string): StructSpec => struct(name, [])

/** Requests a CPE sends to the ACS (GetRPCMethods is listed with the CPE requests). */
export const ACS_REQUEST_SPECS: readonly StructSpec[] = [
  struct('Inform', [
    nested('DeviceId', 'deviceId', DEVICE_ID),
    array('Event', 'events', 'cwmp:EventStruct', 'EventStruct', structItem(EVENT), { maxItems: 64 }),
    maxEnvelopes,
    scalar('CurrentTime', 'currentTime', 'dateTime'),
    scalar('RetryCount', 'retryCount', 'unsignedInt'),
    array('ParameterList', 'parameterList', 'cwmp:ParameterValueStruct', 'ParameterValueStruct', PARAMETER_VALUE_ITEM, { presence: 'defaulted' }),
  ]),
  struct('TransferComplete', [commandKey, faultStruct, startTime, completeTime]),
  struct('AutonomousTransferComplete', [
    scalar('AnnounceURL', 'announceUrl', 'string', { maxLength: 1024, presence: 'defaulted' }),
    scalar('TransferURL', 'transferUrl', 'string', { maxLength: 1024 }),
    scalar('IsDownload', 'isDownload', 'boolean'),
    scalar('FileType', 'fileType', 'string', { maxLength: LIMITS.fileType }),
    scalar('FileSize', 'fileSize', 'unsignedInt', { presence: 'defaulted' }),
    scalar('TargetFileName', 'targetFileName', 'string', { maxLength: LIMITS.fileName, presence: 'defaulted' }),
    faultStruct, startTime, completeTime,
  ]),
  struct('DUStateChangeComplete', [
    custom('Results', 'results', 'opResults'),
    scalar('CommandKey', 'commandKey', 'string', { maxLength: LIMITS.key, presence: 'optional' }),
  ]),
  struct('AutonomousDUStateChangeComplete', [custom('Results', 'results', 'autonOpResults')]),
  struct('RequestDownload', [
    scalar('FileType', 'fileType', 'string', { maxLength: LIMITS.fileType }),
    array('FileTypeArg', 'fileTypeArg', 'cwmp:ArgStruct', 'ArgStruct', structItem(ARG), { presence: 'defaulted', maxItems: 16 }),
  ]),
  struct('Kicked', [
    scalar('Command', 'command', 'string', { maxLength: 32 }),
    scalar('Referer', 'referer', 'string', { maxLength: 64, presence: 'defaulted' }),
    scalar('Arg', 'arg', 'string', { maxLength: 256, presence: 'defaulted' }),
    scalar('Next', 'next', 'string', { maxLength: 1024, presence: 'defaulted' }),
  ]),
]

/** The ACS's responses to those requests (GetRPCMethodsResponse is listed with the CPE responses). */
export const ACS_RESPONSE_SPECS: readonly StructSpec[] = [
  struct('InformResponse', [maxEnvelopes]),
  empty('TransferCompleteResponse'),
  empty('AutonomousTransferCompleteResponse'),
  empty('DUStateChangeCompleteResponse'),
  empty('AutonomousDUStateChangeCompleteResponse'),
  empty('RequestDownloadResponse'),
  struct('KickedResponse', [scalar('NextURL', 'nextUrl', 'string', { maxLength: 1024, presence: 'defaulted' })]),
]

