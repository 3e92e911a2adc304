import { FAULT_STRINGS, soapFaultCodeFor, type Fault, type SetParameterValuesFault } from '@acs/cwmp'

/** A CWMP fault body as a CPE sends it (§8.3). */
export function cpeFault(code: number, message?: string, spvFaults?: SetParameterValuesFault[]): Fault {
  return {
    method: 'Fault',
    faultCode: soapFaultCodeFor(code),
    faultString: 'CWMP fault',
    detail: {
      faultCode: code,
      faultString: message ?? FAULT_STRINGS[code] ?? '',
      ...(spvFaults && spvFaults.length > 0 ? { setParameterValuesFault: spvFaults } : {}),
    },
  }
}

/** Max length of a parameter name or path in RPC arguments (cwmp-1-2.xsd). */
export const MAX_PATH_LENGTH = 256
