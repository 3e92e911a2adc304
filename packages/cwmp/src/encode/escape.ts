/** XML escaping for the encoder, with a check for characters XML 1.0 cannot carry at all. */
import { CwmpEncodeError } from '../errors.js'

// Anything needing work: markup characters, CR (escaped so it survives end-of-line
// normalisation), tab/LF in attributes, and characters outside the XML Char production.
const TEXT_SPECIAL = /[&<>\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/
const ATTR_SPECIAL = /[&<>"\t\n\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/
const TEXT_REPLACE = /[&<>\r]/g
const ATTR_REPLACE = /[&<>"\t\n\r]/g
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
}

function replacement(ch: string): string {
  return REPLACEMENTS[ch] ?? ch
}

function checkChars(value: string, where: string): void {
  const bad = FORBIDDEN.exec(value)
  if (bad !== null) {
    const code = (bad[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0')
    throw new CwmpEncodeError(`${where}: U+${code} cannot be represented in XML`)
  }
}

/** Escapes element text. `where` names the field in the error for an unrepresentable character. */
export function escapeText(value: string, where: string): string {
  if (!TEXT_SPECIAL.test(value)) return value
  checkChars(value, where)
  return value.replace(TEXT_REPLACE, replacement)
}

/** Escapes a double-quoted attribute value. */
export function escapeAttr(value: string, where: string): string {
  if (!ATTR_SPECIAL.test(value)) return value
  checkChars(value, where)
  return value.replace(ATTR_REPLACE, replacement)
}
