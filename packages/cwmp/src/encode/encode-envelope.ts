/**
 * encodeEnvelope: typed Envelope -> SOAP text, by plain string building. The Envelope declares
 * soapenv, soapenc, xsd, xsi and `cwmp` (the literal prefix some CPEs compare) bound to the
 * message's namespace; RPC arguments are unqualified, in XSD order, arrays carry exact
 * arrayType counts and every Value its xsi:type. Invalid input throws CwmpEncodeError.
 */
import { CwmpEncodeError } from '../errors.js'
import { SOAP_ENC_NS, SOAP_ENV_NS, XSD_NS, XSI_NS } from '../namespaces.js'
import { METHOD_SPECS } from '../schema/registry.js'
import { CWMP_NAMESPACES, type Envelope } from '../types.js'
import { asRecord } from './check.js'
import { encodeFault } from './fault.js'
import { encodeHeader } from './header.js'
import { resolveEncodeOptions, type EncodeOptions } from './options.js'
import { encodeFields } from './struct-encoder.js'

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
const namespaces: ReadonlySet<string> = new Set(CWMP_NAMESPACES)

const envelopeStart: ReadonlyMap<string, string> = new Map(
  CWMP_NAMESPACES.map((ns) => [
    ns,
    `<soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}" xmlns:soapenc="${SOAP_ENC_NS}" xmlns:xsd="${XSD_NS}" xmlns:xsi="${XSI_NS}" xmlns:cwmp="${ns}">`,
  ]),
)

/** Serialises one envelope. */
export function encodeEnvelope(envelope: Envelope, options?: EncodeOptions): string {
  const settings = resolveEncodeOptions(options)
  const env = asRecord(envelope, 'envelope')
  const namespace = env.namespace
  if (typeof namespace !== 'string' || !namespaces.has(namespace)) {
    throw new CwmpEncodeError(`namespace: expected one of ${CWMP_NAMESPACES.join(', ')}`)
  }
  const body = asRecord(env.body, 'body')
  const method = body.method
  let content: string
  if (method === 'Fault') {
    content = encodeFault(body, settings)
  } else {
    const spec = typeof method === 'string' ? METHOD_SPECS.get(method) : undefined
    if (spec === undefined) throw new CwmpEncodeError(`body.method: unknown CWMP method ${JSON.stringify(method)}`)
    content = `<cwmp:${spec.name}>${encodeFields(spec, body, 'body', settings)}</cwmp:${spec.name}>`
  }
  const header = env.header === undefined ? '' : encodeHeader(envelope.header, settings)
  return (
    (settings.xmlDeclaration ? DECLARATION : '') +
    `${envelopeStart.get(namespace)}${header}<soapenv:Body>${content}</soapenv:Body></soapenv:Envelope>`
  )
}
