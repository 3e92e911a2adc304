/** Mutations that turn a valid envelope into the kind of garbage a hostile or broken client sends. */
import fc from 'fast-check'

/** A mutation applied to envelope text; positions are fractions of the length so they fit any input. */
export type Mutation = (xml: string) => string

const at = (xml: string, f: number): number => Math.floor(f * xml.length)
const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true })

/** Positions of every '<' in the text. */
function tagStarts(xml: string): number[] {
  const out: number[] = []
  for (let i = xml.indexOf('<'); i >= 0; i = xml.indexOf('<', i + 1)) out.push(i)
  return out
}

function pickTag(xml: string, f: number): number {
  const starts = tagStarts(xml)
  return starts.length === 0 ? 0 : (starts[Math.floor(f * starts.length)] ?? 0)
}

const junk = fc.constantFrom('<', '>', '&', '/', '"', "'", '</a>', '<a>', '<!--', ']]>', '&amp', '&#x0;', '&#xD800;', '\u0000', '\ufeff', ':', 'xmlns:cwmp="x"', '<?', '<![CDATA[')

const truncate = fraction.map((f): Mutation => (xml) => xml.slice(0, at(xml, f)))
const flip = fc.tuple(fraction, fc.oneof(junk, fc.string({ minLength: 1, maxLength: 2 }))).map(
  ([f, s]): Mutation => (xml) => xml.slice(0, at(xml, f)) + s + xml.slice(at(xml, f) + 1),
)
const insert = fc.tuple(fraction, junk).map(([f, s]): Mutation => (xml) => xml.slice(0, at(xml, f)) + s + xml.slice(at(xml, f)))
const duplicate = fc.tuple(fraction, fraction).map(([a, b]): Mutation => (xml) => {
  const [from, to] = [pickTag(xml, Math.min(a, b)), pickTag(xml, Math.max(a, b))]
  return xml.slice(0, to) + xml.slice(from, to) + xml.slice(to)
})
const remove = fc.tuple(fraction, fraction).map(([a, b]): Mutation => (xml) => {
  const [from, to] = [pickTag(xml, Math.min(a, b)), pickTag(xml, Math.max(a, b))]
  return xml.slice(0, from) + xml.slice(to)
})
const nest = fc.tuple(fraction, fc.integer({ min: 10, max: 400 })).map(([f, n]): Mutation => (xml) => {
  const p = pickTag(xml, f)
  return xml.slice(0, p) + '<x>'.repeat(n) + '</x>'.repeat(n) + xml.slice(p)
})
const dtd = fc.constantFrom(
  '<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
  '<!DOCTYPE s SYSTEM "http://127.0.0.1:1/x.dtd">',
  '<!ENTITY x SYSTEM "file:///etc/passwd">',
).chain((decl) =>
  fc.tuple(fraction, fc.boolean()).map(([f, atStart]): Mutation => (xml) => {
    const p = atStart ? 0 : at(xml, f)
    return `${xml.slice(0, p)}${decl}${xml.slice(p).replace('</Name>', '&b;&x;</Name>')}`
  }),
)
const hugeCount = fc.constantFrom('[999999999999]', '[-1]', '[]', '[0]', '[1e9]').map(
  (n): Mutation => (xml) => xml.replace(/\[\d+\]/g, n),
)
const renameNamespace = fc.constantFrom('urn:dslforum-org:cwmp-9-9', '', 'http://schemas.xmlsoap.org/soap/envelope/', 'urn:x').map(
  (uri): Mutation => (xml) => xml.replace(/urn:dslforum-org:cwmp-1-\d/, uri),
)
const renameTag = fc.tuple(fraction, fc.constantFrom('Body', 'Header', 'Envelope', 'Fault', 'Inform', 'ParameterList', 'Value', 'soapenv:Body')).map(
  ([f, name]): Mutation => (xml) => {
    const p = pickTag(xml, f)
    const m = /^<\/?([\w.:-]+)/.exec(xml.slice(p))
    return m?.[1] === undefined ? xml : xml.slice(0, p) + xml.slice(p).replace(m[1], name)
  },
)

/** One to three mutations. */
export const mutationsArb: fc.Arbitrary<Mutation[]> = fc.array(
  fc.oneof(truncate, flip, insert, duplicate, remove, nest, dtd, hugeCount, renameNamespace, renameTag),
  { minLength: 1, maxLength: 3 },
)

/** Byte-level damage (invalid UTF-8 included): flips `count` bytes at the given fractions. */
export const byteFlipsArb = fc.array(fc.tuple(fraction, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 })

/** Applies byte flips to a copy of `bytes`. */
export function flipBytes(bytes: Uint8Array, flips: readonly (readonly [number, number])[]): Uint8Array {
  const out = Uint8Array.from(bytes)
  for (const [f, b] of flips) out[Math.floor(f * out.length)] = b
  return out
}
