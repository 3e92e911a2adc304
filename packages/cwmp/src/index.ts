/** @acs/cwmp: the CWMP (TR-069) codec. SOAP envelopes <-> typed RPC objects, faults, versions. */
export * from './types.js'
export * from './faults.js'
export * from './errors.js'
export { decodeEnvelope } from './decode/decode-envelope.js'
export { isEmptyBody } from './decode/is-empty-body.js'
export { DEFAULT_LIMITS, type DecodeOptions } from './decode/limits.js'
export { encodeEnvelope } from './encode/encode-envelope.js'
export type { EncodeOptions } from './encode/options.js'
export { faultEnvelope } from './fault-envelope.js'
export {
  ALL_METHODS,
  isAcsRequestMethod,
  isAcsResponseMethod,
  isCpeRequestMethod,
  isCpeResponseMethod,
  responseMethodFor,
} from './methods.js'
export { negotiateVersion, versionFromNamespace, type NegotiatedVersion } from './version.js'
export { SOAP_ENC_NS, SOAP_ENV_NS, XSD_NS, XSI_NS, cwmpNamespaceOf } from './namespaces.js'
