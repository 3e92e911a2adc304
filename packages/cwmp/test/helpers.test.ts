import { describe, expect, it } from 'vitest'
import {
  decodeEnvelope, encodeEnvelope, faultEnvelope, isAcsRequestMethod, isAcsResponseMethod, isCpeRequestMethod, isCpeResponseMethod,
  negotiateVersion, responseMethodFor, versionFromNamespace,
} from '@acs/cwmp'

describe('method classification', () => {
  it('tells the requests a CPE handles from those the ACS handles', () => {
    expect(isCpeRequestMethod('GetParameterValues')).toBe(true)
    expect(isCpeRequestMethod('Inform')).toBe(false)
    expect(isAcsRequestMethod('Inform')).toBe(true)
    expect(isAcsRequestMethod('TransferComplete')).toBe(true)
    expect(isAcsRequestMethod('Reboot')).toBe(false)
  })

  it('counts GetRPCMethods as a request on both sides', () => {
    expect(isCpeRequestMethod('GetRPCMethods')).toBe(true)
    expect(isAcsRequestMethod('GetRPCMethods')).toBe(true)
  })

  it('recognises responses of each side and not Fault', () => {
    expect(isCpeResponseMethod('GetParameterValuesResponse')).toBe(true)
    expect(isCpeResponseMethod('InformResponse')).toBe(false)
    expect(isAcsResponseMethod('InformResponse')).toBe(true)
    expect(isCpeResponseMethod('Fault')).toBe(false)
    expect(isAcsResponseMethod('Fault')).toBe(false)
  })

  it('names the response of a request', () => {
    expect(responseMethodFor('Inform')).toBe('InformResponse')
    expect(responseMethodFor('ChangeDUState')).toBe('ChangeDUStateResponse')
  })
})

describe('version negotiation', () => {
  it('infers the version from the namespace when the CPE sent no list', () => {
    expect(negotiateVersion('urn:dslforum-org:cwmp-1-0')).toEqual({ version: '1.0', useCwmpVersionHeader: false })
    expect(negotiateVersion('urn:dslforum-org:cwmp-1-1', [])).toEqual({ version: '1.1', useCwmpVersionHeader: false })
    expect(versionFromNamespace('urn:dslforum-org:cwmp-1-2')).toBe('1.2')
  })

  it('picks the highest common version and asks for the UseCWMPVersion header', () => {
    expect(negotiateVersion('urn:dslforum-org:cwmp-1-2', ['1.0', '1.1', '1.2', '1.3', '1.4'])).toEqual({ version: '1.4', useCwmpVersionHeader: true })
    expect(negotiateVersion('urn:dslforum-org:cwmp-1-2', ['1.3', '2.0'])).toEqual({ version: '1.3', useCwmpVersionHeader: true })
  })

  it('takes the version from the list even in a cwmp-1-0 envelope', () => {
    expect(negotiateVersion('urn:dslforum-org:cwmp-1-0', ['1.0', '1.4'])).toEqual({ version: '1.4', useCwmpVersionHeader: true })
  })

  it('returns null when no offered version is one the ACS implements', () => {
    expect(negotiateVersion('urn:dslforum-org:cwmp-1-2', ['2.0', '1.9'])).toBeNull()
  })
})

describe('faultEnvelope', () => {
  it('builds an 8005 Server fault with the standard string, echoing the request ID', () => {
    expect(faultEnvelope('urn:dslforum-org:cwmp-1-0', 'abc', 8005)).toEqual({
      namespace: 'urn:dslforum-org:cwmp-1-0',
      header: { id: 'abc' },
      body: { method: 'Fault', faultCode: 'Server', faultString: 'CWMP fault', detail: { faultCode: 8005, faultString: 'Retry request' } },
    })
  })

  it('builds an 8003 Client fault with a custom message and no header without an ID', () => {
    const env = faultEnvelope('urn:dslforum-org:cwmp-1-2', undefined, 8003, 'Inform: missing DeviceId')
    expect(env.header).toEqual({})
    expect(env.body.faultCode).toBe('Client')
    expect(decodeEnvelope(encodeEnvelope(env))).toEqual(env)
  })
})
