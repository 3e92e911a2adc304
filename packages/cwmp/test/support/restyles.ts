/**
 * Rewrites that keep an envelope well-formed but change how it is written, the way CPE stacks
 * differ from our encoder: line breaks and indentation (CRLF, lone CR), comments, processing
 * instructions and CDATA between and inside elements, single quotes, spaces around '=' and
 * before '/>', prolog noise and trailing garbage.
 */
import fc from 'fast-check'

/** A rewrite of envelope text. */
export type Restyle = (xml: string) => string

/** Index just past the root element's start tag (the first '<' that opens an element). */
function afterRootStart(xml: string): number {
  for (let lt = xml.indexOf('<'); lt >= 0; lt = xml.indexOf('<', lt + 1)) {
    const c = xml[lt + 1]
    if (c !== '?' && c !== '!') return xml.indexOf('>', lt) + 1
  }
  return xml.length
}

/** Inserts `piece` at every `stride`-th '><' boundary from `from` on. */
function atBoundaries(xml: string, from: number, stride: number, piece: string): string {
  let out = xml.slice(0, from)
  let last = from
  let n = 0
  for (let i = xml.indexOf('><', from); i >= 0; i = xml.indexOf('><', i + 2)) {
    if (n++ % stride !== 0) continue
    out += xml.slice(last, i + 1) + piece
    last = i + 1
  }
  return out + xml.slice(last)
}

const stride = fc.integer({ min: 1, max: 6 })
const lineBreak = fc.constantFrom('\n', '\r\n', '\r', '\r\n\t', '\n    ', ' ')

const indent = fc.tuple(stride, lineBreak).map(([n, br]): Restyle => (xml) => atBoundaries(xml, 0, n, br))
const comments = fc.tuple(stride, fc.constantFrom('<!-- note -->', '<!---->', '<!-- a <b> & c -->')).map(
  ([n, c]): Restyle => (xml) => atBoundaries(xml, 0, n, c),
)
const pis = fc.tuple(stride, fc.constantFrom('<?trace id="7"?>', '<?x?>')).map(([n, pi]): Restyle => (xml) => atBoundaries(xml, 0, n, pi))
const cdata = fc.tuple(stride, fc.constantFrom('<![CDATA[]]>', '<![CDATA[ <raw> &amp; ]] ]]>')).map(
  ([n, c]): Restyle => (xml) => atBoundaries(xml, afterRootStart(xml), n, c),
)
const textAround = fc.tuple(stride, fc.constantFrom(' ', 'x', '&amp;', '\n')).map(
  ([n, t]): Restyle => (xml) => atBoundaries(xml, afterRootStart(xml), n, t),
)
/** A comment or processing instruction inside text runs, so a text node is split or joined around it. */
const insideText = fc.constantFrom('<!--c-->', '<?p?>').map((piece): Restyle => (xml) =>
  xml.replace(/>([^<]{2,})</g, (_m, text: string) => `>${text.slice(0, 1)}${piece}${text.slice(1)}<`),
)
// Inside start tags only: text may hold `="` too (a CurrentTime of `="` once turned the next
// attribute's quotes into a malformed document).
const singleQuotes = fc.constant<Restyle>((xml) => xml.replace(/<[^!?/][^>]*>/g, (tag) => tag.replace(/="([^"']*)"/g, "='$1'")))
const spacedAttributes = fc.constant<Restyle>((xml) => xml.replace(/(\w)="/g, '$1 =\t"').replace(/\/>/g, ' />'))
const prolog = fc.constantFrom('\n', '  <!-- captured -->\n', '\r\n<?vendor x?>\r\n', '<?xml version="1.0"?>\n<!-- a -->  <?b?>\t').map(
  (p): Restyle => (xml) => p + xml,
)
const trailing = fc.constantFrom('\n', '\r\n\r\n', '\n\u0000junk <a>', '<!-- after -->').map((t): Restyle => (xml) => xml + t)

/** Zero to four restyles, applied in order. */
export const restylesArb: fc.Arbitrary<Restyle[]> = fc.array(
  fc.oneof(indent, comments, pis, cdata, textAround, insideText, singleQuotes, spacedAttributes, prolog, trailing),
  { maxLength: 4 },
)
