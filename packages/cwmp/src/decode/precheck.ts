/**
 * A single fast pass over the raw XML, before fast-xml-parser builds a tree: fast-xml-parser is
 * lenient (it accepts mismatched and unclosed tags, so a truncated message would decode with
 * parameters missing), so well-formedness of the element structure is checked here, together
 * with the depth and element-count limits and the ban on DTDs (no entity can be declared, so
 * none can be expanded). Returns where the root element ends: anything after it is ignored
 * (cwmp-reference §15: some CPEs send trailing garbage).
 */
import { CwmpParseError } from '../errors.js'
import type { DecodeLimits } from './limits.js'

const LT = 60 // <
const GT = 62 // >
const SLASH = 47
const BANG = 33
const QUESTION = 63
const DQUOTE = 34
const SQUOTE = 39

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9
}

function malformed(reason: string): CwmpParseError {
  return new CwmpParseError(`malformed XML: ${reason}`, 8003)
}

function onlySpace(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) return false
  return true
}

/** Index just past the end of `marker` searched from `from`, or an error naming `what`. */
function skipPast(s: string, marker: string, from: number, what: string): number {
  const end = s.indexOf(marker, from)
  if (end < 0) throw malformed(`unterminated ${what}`)
  return end + marker.length
}

/** Handles `<!...` at `lt`: comments and CDATA are skipped, any declaration (DOCTYPE, ENTITY...) is refused. */
function skipBang(s: string, lt: number, depth: number): number {
  if (s.startsWith('--', lt + 2)) return skipPast(s, '-->', lt + 4, 'comment')
  if (s.startsWith('[CDATA[', lt + 2)) {
    if (depth === 0) throw malformed('CDATA outside the root element')
    return skipPast(s, ']]>', lt + 9, 'CDATA section')
  }
  if (s.startsWith('DOCTYPE', lt + 2) || s.startsWith('ENTITY', lt + 2)) {
    throw new CwmpParseError('DOCTYPE and ENTITY declarations are not allowed', 8003)
  }
  throw malformed('markup declarations are not allowed')
}

/** Checks a closing tag at `lt` against the innermost open element; returns the index past it. */
function closeTag(s: string, lt: number, open: string | undefined): number {
  if (open === undefined) throw malformed('closing tag without an open element')
  const gt = s.indexOf('>', lt + 2)
  if (gt < 0) throw malformed('unterminated closing tag')
  const nameEnd = lt + 2 + open.length
  if (!s.startsWith(open, lt + 2) || nameEnd > gt || !onlySpace(s, nameEnd, gt)) {
    throw malformed(`closing tag does not match <${open}>`)
  }
  return gt + 1
}

/** Index of the `>` that ends a start tag whose name ends at `from`, skipping quoted attribute values. */
function startTagEnd(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === GT) return i
    if (c === LT) throw malformed("'<' inside a tag")
    if (c === DQUOTE || c === SQUOTE) {
      const q = s.indexOf(c === DQUOTE ? '"' : "'", i + 1)
      if (q < 0) break
      i = q
    }
  }
  throw malformed('unterminated start tag')
}

/** Validates the element structure and limits of `s`; returns the index just past the root element. */
export function precheckXml(s: string, limits: DecodeLimits): number {
  const stack: string[] = []
  let elements = 0
  let i = 0
  for (;;) {
    const lt = s.indexOf('<', i)
    if (stack.length === 0 && !onlySpace(s, i, lt < 0 ? s.length : lt)) throw malformed('text before the root element')
    if (lt < 0) throw malformed(stack.length === 0 ? 'no root element' : 'document ends inside an element')
    const c1 = s.charCodeAt(lt + 1)
    if (c1 === QUESTION) {
      i = skipPast(s, '?>', lt + 2, 'processing instruction')
    } else if (c1 === BANG) {
      i = skipBang(s, lt, stack.length)
    } else if (c1 === SLASH) {
      i = closeTag(s, lt, stack.pop())
      if (stack.length === 0) return i
    } else {
      let nameEnd = lt + 1
      for (; nameEnd < s.length; nameEnd++) {
        const c = s.charCodeAt(nameEnd)
        if (isSpace(c) || c === GT || c === SLASH) break
        if (c === LT) throw malformed("'<' inside a tag name")
      }
      if (nameEnd === lt + 1) throw malformed("'<' not followed by a name")
      const gt = startTagEnd(s, nameEnd)
      if (++elements > limits.maxElements) {
        throw new CwmpParseError(`more than ${limits.maxElements} elements`, 8004)
      }
      if (stack.length + 1 > limits.maxDepth) {
        throw new CwmpParseError(`elements nested deeper than ${limits.maxDepth}`, 8004)
      }
      i = gt + 1
      if (s.charCodeAt(gt - 1) === SLASH) {
        if (stack.length === 0) return i
      } else {
        stack.push(s.slice(lt + 1, nameEnd))
      }
    }
  }
}
