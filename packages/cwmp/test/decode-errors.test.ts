import { describe, expect, it } from 'vitest'
import { CwmpParseError, decodeEnvelope, encodeEnvelope, isEmptyBody, type DecodeOptions } from '@acs/cwmp'
import { SAMPLE_BODIES, envelopeOf } from './support/samples.js'

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/'

function envelope(body: string, namespace = 'urn:dslforum-org:cwmp-1-2'): string {
  return `<soap:Envelope xmlns:soap="${SOAP}" xmlns:cwmp="${namespace}"><soap:Body>${body}</soap:Body></soap:Envelope>`
}

/** The fault code of the CwmpParseError decoding `input` throws (fails if it throws anything else or nothing). */
function faultOf(input: string | Uint8Array, options?: DecodeOptions): number {
  try {
    decodeEnvelope(input, options)
  } catch (err) {
    if (err instanceof CwmpParseError) return err.fault
    throw err
  }
  throw new Error('decodeEnvelope accepted the input')
}

describe('decodeEnvelope rejects', () => {
  it('a DOCTYPE with 8003 before anything is expanded', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>${envelope('<cwmp:Reboot><CommandKey>&lol2;</CommandKey></cwmp:Reboot>')}`
    expect(faultOf(laughs)).toBe(8003)
  })

  it('an ENTITY declaration outside a DOCTYPE with 8003', () => {
    expect(faultOf(`<!ENTITY x SYSTEM "file:///etc/passwd">${envelope('<cwmp:GetRPCMethods/>')}`)).toBe(8003)
  })

  it('a body over the size limit with 8004', () => {
    const xml = encodeEnvelope(envelopeOf(SAMPLE_BODIES.GetParameterValuesResponse))
    expect(faultOf(xml, { maxBytes: 1000 })).toBe(8004)
    expect(faultOf(Buffer.from(xml), { maxBytes: 1000 })).toBe(8004)
  })

  it('elements nested deeper than the depth limit with 8004', () => {
    const deep = `${'<a>'.repeat(40)}${'</a>'.repeat(40)}`
    expect(faultOf(envelope(`<cwmp:Reboot><CommandKey>k</CommandKey>${deep}</cwmp:Reboot>`))).toBe(8004)
  })

  it('more elements than the element limit with 8004', () => {
    const xml = encodeEnvelope(envelopeOf(SAMPLE_BODIES.GetParameterValuesResponse))
    expect(faultOf(xml, { maxElements: 20 })).toBe(8004)
  })

  it('an unknown method in the cwmp namespace with 8000', () => {
    expect(faultOf(envelope('<cwmp:X_EXAMPLE_Frobnicate><Arg>1</Arg></cwmp:X_EXAMPLE_Frobnicate>'))).toBe(8000)
  })

  it('a body element in a foreign namespace with 8000', () => {
    expect(faultOf(envelope('<v:Reboot xmlns:v="urn:example:vendor"/>'))).toBe(8000)
  })

  it('a missing required argument with 8003', () => {
    expect(faultOf(envelope('<cwmp:Inform><Event/><CurrentTime>x</CurrentTime><RetryCount>0</RetryCount></cwmp:Inform>'))).toBe(8003)
  })

  it('an argument of the wrong type with 8003', () => {
    expect(faultOf(envelope('<cwmp:ScheduleInform><DelaySeconds>soon</DelaySeconds><CommandKey/></cwmp:ScheduleInform>'))).toBe(8003)
    expect(faultOf(envelope('<cwmp:GetParameterNames><ParameterPath/><NextLevel>yes</NextLevel></cwmp:GetParameterNames>'))).toBe(8003)
  })

  it('a parameter value struct without Value with 8003', () => {
    expect(faultOf(envelope('<cwmp:SetParameterValues><ParameterList><ParameterValueStruct><Name>A</Name></ParameterValueStruct></ParameterList></cwmp:SetParameterValues>'))).toBe(8003)
  })

  it('a ChangeDUState operation without a type with 8003', () => {
    expect(faultOf(envelope('<cwmp:ChangeDUState><Operations><URL>http://x</URL></Operations></cwmp:ChangeDUState>'))).toBe(8003)
  })

  it('a SOAP Fault without a cwmp:Fault detail with 8003', () => {
    expect(faultOf(envelope('<soap:Fault><faultcode>Server</faultcode><faultstring>oops</faultstring></soap:Fault>'))).toBe(8003)
  })

  it('an Envelope without Body with 8003', () => {
    expect(faultOf(`<soap:Envelope xmlns:soap="${SOAP}"><soap:Header/></soap:Envelope>`)).toBe(8003)
  })

  it('an empty Body and a Body with two elements with 8003', () => {
    expect(faultOf(envelope('  '))).toBe(8003)
    expect(faultOf(envelope('<cwmp:GetRPCMethods/><cwmp:GetRPCMethods/>'))).toBe(8003)
  })

  it('a root element that is not a SOAP 1.1 Envelope with 8003', () => {
    expect(faultOf('<Envelope><Body><Reboot/></Body></Envelope>')).toBe(8003)
    expect(faultOf('<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body/></env:Envelope>')).toBe(8003)
    expect(faultOf('<html><body>502 Bad Gateway</body></html>')).toBe(8003)
  })

  it('mismatched, unclosed and truncated markup with 8003', () => {
    const xml = encodeEnvelope(envelopeOf(SAMPLE_BODIES.Inform))
    expect(faultOf(xml.replace('</Manufacturer>', '</Manufacturr>'))).toBe(8003)
    expect(faultOf(xml.slice(0, Math.floor(xml.length / 2)))).toBe(8003)
    expect(faultOf(xml.replace('<SerialNumber>', '<SerialNumber'))).toBe(8003)
    expect(faultOf(`${xml}<soapenv:Envelope>`.replace('<soapenv:Body>', '<soapenv:Body></a>'))).toBe(8003)
  })

  it('text outside the root element before it with 8003', () => {
    expect(faultOf(`HTTP/1.1 200 OK\r\n\r\n${envelope('<cwmp:GetRPCMethods/>')}`)).toBe(8003)
  })

  it.each(['', '   ', 'hello', '<', '<>', '</a>', '<a', '<?xml version="1.0"?>', '<!-- only a comment -->', '\u0000\u0001\u0002'])(
    'garbage %j with a CwmpParseError',
    (input) => {
      expect(faultOf(input)).toBe(8003)
    },
  )
})

describe('isEmptyBody', () => {
  it.each([
    ['an empty string', ''],
    ['whitespace', ' \r\n\t '],
    ['a BOM alone', '\ufeff'],
    ['a BOM and newlines', '\ufeff\r\n'],
    ['no bytes', new Uint8Array(0)],
    ['whitespace bytes', Buffer.from('\n\n')],
    ['a UTF-8 BOM', Buffer.from([0xef, 0xbb, 0xbf])],
    ['undefined', undefined],
  ])('is true for %s', (_label, input) => {
    expect(isEmptyBody(input)).toBe(true)
  })

  it.each([
    ['an envelope', envelope('<cwmp:GetRPCMethods/>')],
    ['a single character', 'x'],
    ['envelope bytes after a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a/>')])],
  ])('is false for %s', (_label, input) => {
    expect(isEmptyBody(input)).toBe(false)
  })
})
