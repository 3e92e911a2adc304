/** Builder for the Envelope of a fault the ACS answers a CPE request with. */
import { FAULT_STRINGS, soapFaultCodeFor } from './faults.js'
import type { CwmpNamespace, Envelope, Fault } from './types.js'

/**
 * An ACS fault Envelope: SOAP faultcode Client/Server per §8.3, faultstring `CWMP fault`, and the
 * cwmp:Fault detail with `code` and `message` (default: the standard string for the code).
 * `id` is the cwmp:ID of the request being answered; undefined omits the header.
 */
export function faultEnvelope(namespace: CwmpNamespace, id: string | undefined, code: number, message?: string): Envelope<Fault> {
  return {
    namespace,
    header: id === undefined ? {} : { id },
    body: {
      method: 'Fault',
      faultCode: soapFaultCodeFor(code),
      faultString: 'CWMP fault',
      detail: { faultCode: code, faultString: message ?? FAULT_STRINGS[code] ?? '' },
    },
  }
}
