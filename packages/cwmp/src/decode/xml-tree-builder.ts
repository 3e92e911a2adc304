/**
 * The decoder's one pass over the raw XML. It checks the element structure (every start tag closed
 * by a matching end tag, only whitespace, comments and processing instructions before the root),
 * refuses DTDs and every other markup declaration (no entity can be declared, so none can be
 * expanded), enforces the depth and element-count limits, and builds the node tree of xml-tree.ts
 * as it goes. It stops at the end of the root element: anything after it is ignored
 * (cwmp-reference §15: some CPEs send trailing garbage).
 *
 * The tree has exactly the structure fast-xml-parser builds in preserveOrder mode with the options
 * test/xml-tree-oracle.test.ts lists (that test holds the two equal): CR and CRLF become LF
 * everywhere first (XML end-of-line handling); text is kept raw and untrimmed, whitespace-only text
 * included, and runs on across comments; attribute values are raw; a duplicate attribute keeps its
 * last value; CDATA sections are nodes of their own.
 */
import { CwmpParseError } from '../errors.js'
import type { DecodeLimits } from './limits.js'
import { cdataNode, elementNode, textNode, type XAttrs, type XNode } from './xml-tree.js'

const LT = 60 // <
const GT = 62 // >
const SLASH = 47
const BANG = 33
const QUESTION = 63
const DQUOTE = 34
const SQUOTE = 39
const EQUALS = 61
const HASH = 35

const LINE_BREAK = /\r\n?/g

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

/** Names that would reach Object.prototype when used as a key (fast-xml-parser refused them too). */
function isPrototypeKey(name: string): boolean {
  return name === '__proto__' || name === 'constructor' || name === 'prototype'
}

/** Index just past the end of `marker` searched from `from`, or an error naming `what`. */
function skipPast(s: string, marker: string, from: number, what: string): number {
  const end = s.indexOf(marker, from)
  if (end < 0) throw malformed(`unterminated ${what}`)
  return end + marker.length
}

/** The error for a `<!` at `lt` that is neither a comment nor CDATA: DOCTYPE, ENTITY and any other declaration. */
function declarationError(s: string, lt: number): CwmpParseError {
  if (s.startsWith('DOCTYPE', lt + 2) || s.startsWith('ENTITY', lt + 2)) {
    return new CwmpParseError('DOCTYPE and ENTITY declarations are not allowed', 8003)
  }
  return malformed('markup declarations are not allowed')
}

/** Checks a closing tag at `lt` against the innermost open element `open`; returns the index past it. */
function closeTag(s: string, lt: number, open: string): number {
  const gt = s.indexOf('>', lt + 2)
  if (gt < 0) throw malformed('unterminated closing tag')
  const nameEnd = lt + 2 + open.length
  if (!s.startsWith(open, lt + 2) || nameEnd > gt || !onlySpace(s, nameEnd, gt)) {
    throw malformed(`closing tag does not match <${open}>`)
  }
  return gt + 1
}

/** The error for an unexpected character `c` at `p` inside a start tag. */
function tagError(s: string, p: number, c: number, reason: string): CwmpParseError {
  if (p >= s.length) return malformed('unterminated start tag')
  return malformed(c === LT ? "'<' inside a tag" : reason)
}

/** Index of the first character from `p` that is not XML whitespace. */
function skipSpace(s: string, p: number): number {
  while (isSpace(s.charCodeAt(p))) p++
  return p
}

/** `attrs` (flat name, value pairs) with `name` set to `value`: a duplicate keeps its last value. */
function withAttribute(attrs: string[] | undefined, name: string, value: string): string[] {
  if (attrs === undefined) return [name, value]
  for (let i = 0; i < attrs.length; i += 2) {
    if (attrs[i] === name) {
      attrs[i + 1] = value
      return attrs
    }
  }
  attrs.push(name, value)
  return attrs
}

/** The attributes readAttributes found last (a module slot rather than a returned pair: no allocation per tag). */
let attrsRead: XAttrs | undefined

/**
 * Reads the attributes of a start tag from `from` (just past its name) into `attrsRead`, and
 * returns the index of the `>` that ends the tag; it follows a `/` exactly when the element is empty.
 */
function readAttributes(s: string, from: number): number {
  let attrs: string[] | undefined
  let p = from
  for (;;) {
    p = skipSpace(s, p)
    let c = s.charCodeAt(p)
    if (c === GT) break
    if (c === SLASH) {
      if (s.charCodeAt(p + 1) !== GT) throw tagError(s, p + 1, s.charCodeAt(p + 1), "'/' not followed by '>' in a start tag")
      p++
      break
    }
    const nameStart = p
    while (p < s.length && !isSpace(c) && c !== EQUALS && c !== GT && c !== SLASH && c !== LT && c !== DQUOTE && c !== SQUOTE) {
      c = s.charCodeAt(++p)
    }
    if (p === nameStart) throw tagError(s, p, c, 'attribute without a name')
    const name = s.slice(nameStart, p)
    p = skipSpace(s, p)
    c = s.charCodeAt(p)
    if (c !== EQUALS) throw tagError(s, p, c, `attribute ${name} without a value`)
    p = skipSpace(s, p + 1)
    c = s.charCodeAt(p)
    if (c !== DQUOTE && c !== SQUOTE) throw tagError(s, p, c, `value of attribute ${name} not quoted`)
    const close = s.indexOf(c === DQUOTE ? '"' : "'", p + 1)
    if (close < 0) throw malformed('unterminated start tag')
    if (isPrototypeKey(name)) throw malformed(`attribute name ${name} is not allowed`)
    attrs = withAttribute(attrs, name, s.slice(p + 1, close))
    p = close + 1
  }
  attrsRead = attrs
  return p
}

/**
 * Validates `xml` and builds its node list: the root element, preceded by any whitespace text that
 * came before a processing instruction in the prolog (as fast-xml-parser keeps it). Throws
 * CwmpParseError 8003 when malformed, 8004 over `limits.maxDepth` or `limits.maxElements`.
 */
export function buildXmlTree(xml: string, limits: DecodeLimits): XNode[] {
  const s = xml.indexOf('\r') < 0 ? xml : xml.replace(LINE_BREAK, '\n')
  const top: XNode[] = []
  const openNames: string[] = []
  const openParents: XNode[][] = []
  let kids = top
  let text = ''
  let elements = 0
  let i = 0
  for (;;) {
    const lt = s.indexOf('<', i)
    const end = lt < 0 ? s.length : lt
    if (end > i) {
      if (openNames.length === 0 && !onlySpace(s, i, end)) throw malformed('text before the root element')
      text = text === '' ? s.slice(i, end) : text + s.slice(i, end)
    }
    if (lt < 0) throw malformed(openNames.length === 0 ? 'no root element' : 'document ends inside an element')
    const c1 = s.charCodeAt(lt + 1)
    if (c1 === BANG) {
      // A comment leaves the text around it as one run.
      if (s.startsWith('--', lt + 2)) {
        i = skipPast(s, '-->', lt + 4, 'comment')
        continue
      }
      if (!s.startsWith('[CDATA[', lt + 2)) throw declarationError(s, lt)
      if (openNames.length === 0) throw malformed('CDATA outside the root element')
      const close = s.indexOf(']]>', lt + 9)
      if (close < 0) throw malformed('unterminated CDATA section')
      if (text !== '') {
        kids.push(textNode(text))
        text = ''
      }
      kids.push(cdataNode(s.slice(lt + 9, close)))
      i = close + 3
      continue
    }
    if (text !== '') {
      // Prolog whitespace is kept only when a processing instruction ends it (fast-xml-parser's tree).
      if (openNames.length > 0 || c1 === QUESTION) kids.push(textNode(text))
      text = ''
    }
    if (c1 === QUESTION) {
      i = skipPast(s, '?>', lt + 2, 'processing instruction')
    } else if (c1 === SLASH) {
      const open = openNames.pop()
      if (open === undefined) throw malformed('closing tag without an open element')
      i = closeTag(s, lt, open)
      if (openNames.length === 0) return top
      kids = openParents.pop() as XNode[]
    } else {
      let nameEnd = lt + 1
      for (; nameEnd < s.length; nameEnd++) {
        const c = s.charCodeAt(nameEnd)
        if (isSpace(c) || c === GT || c === SLASH) break
        if (c === LT) throw malformed("'<' inside a tag name")
      }
      if (nameEnd === lt + 1) throw malformed("'<' not followed by a name")
      const name = s.slice(lt + 1, nameEnd)
      // Refused as fast-xml-parser's tree refuses them (its '#text'/'#cdata' and ':@' keys), so the two stay comparable.
      if (c1 === HASH || isPrototypeKey(name) || name === ':@') throw malformed(`element name ${name} is not allowed`)
      const gt = readAttributes(s, nameEnd)
      const node = elementNode(name, attrsRead)
      if (++elements > limits.maxElements) {
        throw new CwmpParseError(`more than ${limits.maxElements} elements`, 8004)
      }
      if (openNames.length + 1 > limits.maxDepth) {
        throw new CwmpParseError(`elements nested deeper than ${limits.maxDepth}`, 8004)
      }
      kids.push(node)
      i = gt + 1
      if (s.charCodeAt(gt - 1) === SLASH) {
        if (openNames.length === 0) return top
      } else {
        openNames.push(name)
        openParents.push(kids)
        kids = node.children
      }
    }
  }
}
