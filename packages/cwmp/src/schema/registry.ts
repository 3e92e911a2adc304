/** Lookup of every RPC element spec by method name (Fault has its own codec). */
import type { StructSpec } from './field-spec.js'
import { ACS_REQUEST_SPECS, ACS_RESPONSE_SPECS } from './acs-methods.js'
import { CPE_REQUEST_SPECS, CPE_RESPONSE_SPECS } from './cpe-methods.js'

/** Method name -> spec of its RPC element. */
export const METHOD_SPECS: ReadonlyMap<string, StructSpec> = new Map(
  [...CPE_REQUEST_SPECS, ...CPE_RESPONSE_SPECS, ...ACS_REQUEST_SPECS, ...ACS_RESPONSE_SPECS].map((s) => [s.name, s]),
)
