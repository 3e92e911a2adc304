/** The CWMP SOAP header on the way out (§2.5): only the elements that are set. */
import { CwmpEncodeError } from '../errors.js'
import type { SoapHeader } from '../types.js'
import { asRecord, checkArray, checkBoolean, checkInteger, checkString } from './check.js'
import { escapeText } from './escape.js'
import type { EncodeSettings } from './options.js'

const VERSION = /^\d+\.\d+$/

function checkVersion(value: unknown, where: string): string {
  const v = checkString(value, where)
  if (!VERSION.test(v)) throw new CwmpEncodeError(`${where}: expected a version like 1.4, got ${JSON.stringify(v)}`)
  return v
}

/** The `<soapenv:Header>` element, or '' when no header field is set. */
export function encodeHeader(value: SoapHeader, settings: EncodeSettings): string {
  const h = asRecord(value, 'header')
  let out = ''
  if (h.id !== undefined) {
    out += `<cwmp:ID soapenv:mustUnderstand="1">${escapeText(checkString(h.id, 'header.id'), 'header.id')}</cwmp:ID>`
  }
  if (h.holdRequests !== undefined) {
    const hold = checkBoolean(h.holdRequests, 'header.holdRequests')
    out += `<cwmp:HoldRequests soapenv:mustUnderstand="1">${hold ? settings.trueText : settings.falseText}</cwmp:HoldRequests>`
  }
  if (h.useCwmpVersion !== undefined) {
    const v = checkVersion(h.useCwmpVersion, 'header.useCwmpVersion')
    out += `<cwmp:UseCWMPVersion soapenv:mustUnderstand="1">${v}</cwmp:UseCWMPVersion>`
  }
  if (h.supportedCwmpVersions !== undefined) {
    const list = checkArray(h.supportedCwmpVersions, 'header.supportedCwmpVersions', 1).map((v, i) =>
      checkVersion(v, `header.supportedCwmpVersions[${i}]`),
    )
    out += `<cwmp:SupportedCWMPVersions soapenv:mustUnderstand="0">${list.join(',')}</cwmp:SupportedCWMPVersions>`
  }
  if (h.sessionTimeout !== undefined) {
    const timeout = checkInteger(h.sessionTimeout, 'header.sessionTimeout', 0, 4294967295)
    out += `<cwmp:SessionTimeout soapenv:mustUnderstand="0">${timeout}</cwmp:SessionTimeout>`
  }
  if (h.noMoreRequests !== undefined) {
    const done = checkBoolean(h.noMoreRequests, 'header.noMoreRequests')
    out += `<cwmp:NoMoreRequests soapenv:mustUnderstand="0">${done ? settings.trueText : settings.falseText}</cwmp:NoMoreRequests>`
  }
  return out === '' ? '' : `<soapenv:Header>${out}</soapenv:Header>`
}
