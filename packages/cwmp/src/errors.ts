import type { AcsFaultCode } from './faults.js'

/**
 * Raised for any envelope the codec cannot accept. `fault` is the ACS fault code to answer
 * the CPE with: 8003 for malformed or invalid messages, 8004 for messages over a limit,
 * 8000 for an element that is not a CWMP method.
 */
export class CwmpParseError extends Error {
  readonly code = 'ACS_ERR_CWMP_PARSE'
  constructor(
    message: string,
    readonly fault: AcsFaultCode,
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = 'CwmpParseError'
  }
}

/** Raised when asked to encode an object that is not a valid CWMP message (a bug in the caller). */
export class CwmpEncodeError extends Error {
  readonly code = 'ACS_ERR_CWMP_ENCODE'
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'CwmpEncodeError'
  }
}
