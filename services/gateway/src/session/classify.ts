import { AcsFault, CwmpParseError, decodeEnvelope, isAcsRequestMethod, isCpeResponseMethod, isEmptyBody, type AcsRequest, type Envelope, type Inform } from '@acs/cwmp'
import type { SessionInput } from './session-types.js'

/** A POST body as the state machine's input; Informs get their session id from the caller later. */
export type ClassifiedBody =
  | { type: 'inform'; envelope: Envelope<Inform> }
  | Extract<SessionInput, { type: 'cpe-request' | 'cpe-response' | 'empty' | 'bad-message' }>

/**
 * Decodes a POST body and tells what it is (§4 rule 3): empty, an Inform, another CPE request,
 * a response or fault to our request, or a message that gets a fault (never throws for bad input).
 */
export function classifyBody(body: Uint8Array): ClassifiedBody {
  if (body.length === 0 || isEmptyBody(body)) return { type: 'empty' }
  let envelope: Envelope
  try {
    envelope = decodeEnvelope(body)
  } catch (err) {
    if (err instanceof CwmpParseError) return { type: 'bad-message', fault: err.fault, message: err.message }
    throw err
  }
  const method = envelope.body.method
  if (method === 'Inform') return { type: 'inform', envelope: envelope as Envelope<Inform> }
  if (method === 'Fault' || isCpeResponseMethod(method)) return { type: 'cpe-response', envelope }
  if (isAcsRequestMethod(method)) return { type: 'cpe-request', envelope: envelope as Envelope<AcsRequest> }
  const bad: ClassifiedBody = { type: 'bad-message', fault: AcsFault.MethodNotSupported, message: `${method} is not a method of this ACS` }
  if (envelope.header.id !== undefined) bad.id = envelope.header.id
  return bad
}
