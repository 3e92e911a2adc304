import { describe, expect, it } from 'vitest'
import { ALL_METHODS, CWMP_NAMESPACES, decodeEnvelope, encodeEnvelope, type Envelope } from '@acs/cwmp'
import { SAMPLE_BODIES, envelopeOf } from './support/samples.js'

describe('decode(encode(x)) deep-equals x', () => {
  it.each(ALL_METHODS)('for a realistic %s', (method) => {
    const envelope = envelopeOf(SAMPLE_BODIES[method])
    expect(decodeEnvelope(encodeEnvelope(envelope))).toStrictEqual(envelope)
  })

  it.each(CWMP_NAMESPACES)('keeps the namespace %s', (namespace) => {
    const envelope = envelopeOf(SAMPLE_BODIES.Inform, namespace)
    expect(decodeEnvelope(encodeEnvelope(envelope)).namespace).toBe(namespace)
  })

  it('keeps every header field', () => {
    const envelope: Envelope = {
      namespace: 'urn:dslforum-org:cwmp-1-2',
      header: {
        id: 'q-66f1c0de-0001',
        holdRequests: true,
        sessionTimeout: 60,
        supportedCwmpVersions: ['1.0', '1.2', '1.4'],
        useCwmpVersion: '1.4',
        noMoreRequests: false,
      },
      body: SAMPLE_BODIES.InformResponse,
    }
    expect(decodeEnvelope(encodeEnvelope(envelope))).toStrictEqual(envelope)
  })

  it('keeps an empty header empty', () => {
    const envelope: Envelope = { namespace: 'urn:dslforum-org:cwmp-1-0', header: {}, body: SAMPLE_BODIES.GetRPCMethods }
    expect(decodeEnvelope(encodeEnvelope(envelope))).toStrictEqual(envelope)
  })

  it('round-trips with booleans written as digits and no XML declaration', () => {
    const envelope = envelopeOf(SAMPLE_BODIES.SetParameterAttributes)
    const xml = encodeEnvelope(envelope, { booleans: 'digits', xmlDeclaration: false })
    expect(xml.startsWith('<soapenv:Envelope')).toBe(true)
    expect(decodeEnvelope(xml)).toStrictEqual(envelope)
  })
})
