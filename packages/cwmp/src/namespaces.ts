/** Namespace URIs of the SOAP envelope and the mapping of cwmp URIs to the three real ones. */
import type { CwmpNamespace } from './types.js'

/** SOAP 1.1 envelope namespace. */
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/'
/** SOAP 1.1 encoding namespace (arrays). */
export const SOAP_ENC_NS = 'http://schemas.xmlsoap.org/soap/encoding/'
/** XML Schema namespace (xsd:string...). */
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema'
/** XML Schema instance namespace (xsi:type). */
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance'

const CWMP_URI = /^urn:dslforum-org:cwmp-(\d+)-(\d+)$/

/**
 * The CWMP namespace a URI stands for, or undefined when it is not a cwmp URI.
 * `cwmp-1-3`, `cwmp-1-4` (sent by broken stacks) and later minor versions map to `cwmp-1-2`,
 * the namespace 1.2 to 1.4 share (cwmp-reference §1).
 */
export function cwmpNamespaceOf(uri: string): CwmpNamespace | undefined {
  if (uri === 'urn:dslforum-org:cwmp-1-0' || uri === 'urn:dslforum-org:cwmp-1-1' || uri === 'urn:dslforum-org:cwmp-1-2') {
    return uri
  }
  const m = CWMP_URI.exec(uri)
  if (m === null || m[1] !== '1') return undefined
  return Number(m[2]) >= 2 ? 'urn:dslforum-org:cwmp-1-2' : undefined
}
