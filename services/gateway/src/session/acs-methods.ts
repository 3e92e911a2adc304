import type { AcsRequest, AcsResponse, Fault } from '@acs/cwmp'
import type { CwmpFault } from '@acs/contracts'

/** Every method this ACS accepts from a CPE (§7.1), answered to a CPE's GetRPCMethods. */
export const ACS_METHODS: readonly string[] = [
  'Inform',
  'GetRPCMethods',
  'TransferComplete',
  'AutonomousTransferComplete',
  'DUStateChangeComplete',
  'AutonomousDUStateChangeComplete',
  'RequestDownload',
  'Kicked',
]

/** The response to a CPE request other than Inform (§7). */
export function responseFor(request: Exclude<AcsRequest, { method: 'Inform' }>): AcsResponse {
  switch (request.method) {
    case 'GetRPCMethods':
      return { method: 'GetRPCMethodsResponse', methodList: [...ACS_METHODS] }
    case 'TransferComplete':
      return { method: 'TransferCompleteResponse' }
    case 'AutonomousTransferComplete':
      return { method: 'AutonomousTransferCompleteResponse' }
    case 'DUStateChangeComplete':
      return { method: 'DUStateChangeCompleteResponse' }
    case 'AutonomousDUStateChangeComplete':
      return { method: 'AutonomousDUStateChangeCompleteResponse' }
    case 'RequestDownload':
      return { method: 'RequestDownloadResponse' }
    case 'Kicked':
      // §7.7: send the user's browser where the CPE asked to go next.
      return { method: 'KickedResponse', nextUrl: request.next }
  }
}

/** RPCs after whose success the CPE ends the session to act (§4 rule 6): nothing is sent behind them. */
export function stopsSession(request: { method: string }): boolean {
  if (request.method === 'Reboot' || request.method === 'FactoryReset') return true
  if (request.method === 'Download') {
    const fileType = (request as { fileType?: unknown }).fileType
    return typeof fileType === 'string' && fileType.trim().startsWith('1 ')
  }
  return false
}

/** A CPE's SOAP fault as the contracts' fault data. */
export function faultData(fault: Fault): CwmpFault {
  const out: CwmpFault = { faultCode: fault.detail.faultCode, faultString: fault.detail.faultString }
  if (fault.detail.setParameterValuesFault?.length) out.setParameterValuesFault = fault.detail.setParameterValuesFault.map((f) => ({ ...f }))
  return out
}

/**
 * Vendor-range ACS fault codes (§8.1: 8800–8899) the gateway records on an RPC it could not
 * complete normally. They never go on the wire; they tell the RPC's owner what happened.
 */
export const GatewayFault = {
  /** The CPE answered with a message that is not the response to the RPC: it may or may not have been applied. */
  OutcomeUnknown: 8800,
  /** The queued request could not be encoded (invalid arguments): it was never sent. */
  Unencodable: 8801,
} as const
