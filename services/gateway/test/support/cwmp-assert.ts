import { decodeEnvelope, type CwmpBody, type Envelope } from '@acs/cwmp'
import { expect } from 'vitest'
import type { CpeReply } from './cpe-client.js'

/** Decodes a 200/500 reply's SOAP body, failing the test with the raw reply if it is not one. */
export function soapOf(reply: CpeReply): Envelope {
  expect(reply.headers['content-type'] ?? '', `status ${reply.status}: ${reply.body}`).toContain('text/xml')
  return decodeEnvelope(reply.body)
}

/** Asserts the reply carries this method and returns its envelope. */
export function expectMethod<M extends CwmpBody['method']>(reply: CpeReply, method: M): Envelope<Extract<CwmpBody, { method: M }>> {
  const env = soapOf(reply)
  expect(env.body.method, reply.body).toBe(method)
  return env as Envelope<Extract<CwmpBody, { method: M }>>
}

/** Asserts a SOAP fault with this CWMP code. */
export function expectFault(reply: CpeReply, code: number): void {
  const env = soapOf(reply)
  expect(env.body.method, reply.body).toBe('Fault')
  if (env.body.method === 'Fault') expect(env.body.detail.faultCode).toBe(code)
}
