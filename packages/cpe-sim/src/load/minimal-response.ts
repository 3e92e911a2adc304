import { xmlEscape } from '../util/xml-escape.js'

/** What the load driver found in an ACS message and the reply it will POST. */
export interface MinimalReply {
  /** The method the ACS sent ('InformResponse', 'Fault', an RPC name, or 'unknown'). */
  method: string
  /** The envelope to POST back, or undefined when the message needs no answer. */
  reply?: string
  /** The fault code if the ACS sent a Fault. */
  faultCode?: number
}

const BODY_ELEMENT = /<(?:[A-Za-z_][\w.-]*:)?Body\b[^>]*>\s*<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)/
const ID_ELEMENT = /<(?:[A-Za-z_][\w.-]*:)?ID\b[^>]*>([^<]*)</
const FAULT_CODE = /<(?:[A-Za-z_][\w.-]*:)?Fault\b[^>]*>[\s\S]*?<(?:[A-Za-z_][\w.-]*:)?FaultCode>\s*(\d+)/

const UNKNOWN_TIME = '0001-01-01T00:00:00Z'

/** The body of a minimal, valid response per CPE method: empty lists, Status 0, pending transfers. */
const RESPONSE_BODIES: Record<string, string> = {
  GetRPCMethods:
    '<cwmp:GetRPCMethodsResponse><MethodList soapenc:arrayType="xsd:string[3]"><string>GetRPCMethods</string>' +
    '<string>GetParameterValues</string><string>SetParameterValues</string></MethodList></cwmp:GetRPCMethodsResponse>',
  SetParameterValues: '<cwmp:SetParameterValuesResponse><Status>0</Status></cwmp:SetParameterValuesResponse>',
  GetParameterValues:
    '<cwmp:GetParameterValuesResponse><ParameterList soapenc:arrayType="cwmp:ParameterValueStruct[0]"></ParameterList></cwmp:GetParameterValuesResponse>',
  GetParameterNames:
    '<cwmp:GetParameterNamesResponse><ParameterList soapenc:arrayType="cwmp:ParameterInfoStruct[0]"></ParameterList></cwmp:GetParameterNamesResponse>',
  SetParameterAttributes: '<cwmp:SetParameterAttributesResponse/>',
  GetParameterAttributes:
    '<cwmp:GetParameterAttributesResponse><ParameterList soapenc:arrayType="cwmp:ParameterAttributeStruct[0]"></ParameterList></cwmp:GetParameterAttributesResponse>',
  AddObject: '<cwmp:AddObjectResponse><InstanceNumber>1</InstanceNumber><Status>0</Status></cwmp:AddObjectResponse>',
  DeleteObject: '<cwmp:DeleteObjectResponse><Status>0</Status></cwmp:DeleteObjectResponse>',
  Reboot: '<cwmp:RebootResponse/>',
  Download: `<cwmp:DownloadResponse><Status>1</Status><StartTime>${UNKNOWN_TIME}</StartTime><CompleteTime>${UNKNOWN_TIME}</CompleteTime></cwmp:DownloadResponse>`,
  Upload: `<cwmp:UploadResponse><Status>1</Status><StartTime>${UNKNOWN_TIME}</StartTime><CompleteTime>${UNKNOWN_TIME}</CompleteTime></cwmp:UploadResponse>`,
  FactoryReset: '<cwmp:FactoryResetResponse/>',
  GetQueuedTransfers:
    '<cwmp:GetQueuedTransfersResponse><TransferList soapenc:arrayType="cwmp:QueuedTransferStruct[0]"></TransferList></cwmp:GetQueuedTransfersResponse>',
  GetAllQueuedTransfers:
    '<cwmp:GetAllQueuedTransfersResponse><TransferList soapenc:arrayType="cwmp:AllQueuedTransferStruct[0]"></TransferList></cwmp:GetAllQueuedTransfersResponse>',
  ScheduleInform: '<cwmp:ScheduleInformResponse/>',
  SetVouchers: '<cwmp:SetVouchersResponse/>',
  GetOptions: '<cwmp:GetOptionsResponse><OptionList soapenc:arrayType="cwmp:OptionStruct[0]"></OptionList></cwmp:GetOptionsResponse>',
  ScheduleDownload: '<cwmp:ScheduleDownloadResponse/>',
  CancelTransfer: '<cwmp:CancelTransferResponse/>',
  ChangeDUState: '<cwmp:ChangeDUStateResponse/>',
}

const METHOD_NOT_SUPPORTED =
  '<soap:Fault><faultcode>Server</faultcode><faultstring>CWMP fault</faultstring><detail>' +
  '<cwmp:Fault><FaultCode>9000</FaultCode><FaultString>Method not supported</FaultString></cwmp:Fault></detail></soap:Fault>'

/** Wraps a Body's content in an envelope carrying `id`. */
export function envelope(id: string | undefined, body: string): string {
  return (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="urn:dslforum-org:cwmp-1-2">' +
    (id === undefined ? '' : `<soap:Header><cwmp:ID soap:mustUnderstand="1">${xmlEscape(id)}</cwmp:ID></soap:Header>`) +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  )
}

/**
 * Classifies an ACS message by its Body element (cheap regexes, no XML parse: the driver must
 * not be the bottleneck) and builds a minimal answer for CPE methods so the session can finish.
 */
export function classifyAcsMessage(xml: string): MinimalReply {
  const m = BODY_ELEMENT.exec(xml)
  if (!m) return { method: 'unknown' }
  const method = m[2] ?? 'unknown'
  if (method === 'InformResponse') return { method }
  if (method === 'Fault') {
    const code = FAULT_CODE.exec(xml)
    return { method, faultCode: code ? Number(code[1]) : undefined }
  }
  const idMatch = ID_ELEMENT.exec(xml)
  const id = idMatch ? unescapeId(idMatch[1] ?? '') : undefined
  const body = RESPONSE_BODIES[method] ?? METHOD_NOT_SUPPORTED
  return { method, reply: envelope(id, body) }
}

function unescapeId(s: string): string {
  return s.includes('&')
    ? s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ?? '')
    : s
}
