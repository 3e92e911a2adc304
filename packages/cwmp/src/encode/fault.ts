/** A SOAP 1.1 Fault with its cwmp:Fault detail (§8.3). */
import { SET_PARAMETER_VALUES_FAULT } from '../schema/structs.js'
import { asRecord, checkArray, checkInteger, checkString } from './check.js'
import { escapeText } from './escape.js'
import type { EncodeSettings } from './options.js'
import { encodeFields } from './struct-encoder.js'

/** The `<soapenv:Fault>` element for a Fault body. */
export function encodeFault(body: Readonly<Record<string, unknown>>, settings: EncodeSettings): string {
  const faultCode = escapeText(checkString(body.faultCode, 'body.faultCode'), 'body.faultCode')
  const faultString = escapeText(checkString(body.faultString, 'body.faultString'), 'body.faultString')
  const detail = asRecord(body.detail, 'body.detail')
  const code = checkInteger(detail.faultCode, 'body.detail.faultCode', 0, 4294967295)
  const text = escapeText(checkString(detail.faultString, 'body.detail.faultString'), 'body.detail.faultString')
  let entries = ''
  if (detail.setParameterValuesFault !== undefined) {
    const list = checkArray(detail.setParameterValuesFault, 'body.detail.setParameterValuesFault')
    list.forEach((entry, i) => {
      const where = `body.detail.setParameterValuesFault[${i}]`
      entries += `<SetParameterValuesFault>${encodeFields(SET_PARAMETER_VALUES_FAULT, asRecord(entry, where), where, settings)}</SetParameterValuesFault>`
    })
  }
  return (
    `<soapenv:Fault><faultcode>${faultCode}</faultcode><faultstring>${faultString}</faultstring>` +
    `<detail><cwmp:Fault><FaultCode>${code}</FaultCode><FaultString>${text}</FaultString>${entries}</cwmp:Fault></detail></soapenv:Fault>`
  )
}
