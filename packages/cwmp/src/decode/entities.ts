/**
 * Decoding of the five predefined XML entities and numeric character references. The parser
 * runs with entity processing off (no DTD entity can ever expand); text the decoder keeps goes
 * through here. A reference that is unknown or names a character XML forbids stays verbatim.
 */

const REF = /&(?:#(\d{1,8})|#x([0-9a-fA-F]{1,8})|(lt|gt|amp|quot|apos));/g

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
}

function replaceRef(match: string, dec: string | undefined, hex: string | undefined, named: string | undefined): string {
  if (named !== undefined) return NAMED[named] ?? match
  const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16)
  return isXmlChar(cp) ? String.fromCodePoint(cp) : match
}

/** Replaces entity and character references in raw XML text. */
export function decodeEntities(raw: string): string {
  return raw.indexOf('&') < 0 ? raw : raw.replace(REF, replaceRef)
}
