import { describe, expect, it } from 'vitest'
import { CwmpParseError } from '@acs/cwmp'
import { DEFAULT_LIMITS } from '../src/decode/limits.js'
import { buildXmlTree } from '../src/decode/xml-tree-builder.js'
import { toFxpShape, type FxpNode } from './support/fxp-shape.js'

/** The tree of `xml` in fast-xml-parser's shape, which the expectations below are written in. */
function build(xml: string): FxpNode[] {
  return toFxpShape(buildXmlTree(xml, DEFAULT_LIMITS))
}

/** The CwmpParseError building `xml` throws (fails if it throws anything else or nothing). */
function errorOf(xml: string): CwmpParseError {
  try {
    build(xml)
  } catch (err) {
    if (err instanceof CwmpParseError) return err
    throw err
  }
  throw new Error('buildXmlTree accepted the input')
}

describe('buildXmlTree builds', () => {
  it('elements with their children in document order', () => {
    expect(build('<a><b/><c>x</c></a>')).toStrictEqual([{ a: [{ b: [] }, { c: [{ '#text': 'x' }] }] }])
  })

  it('whitespace-only text between elements as text nodes, untrimmed', () => {
    expect(build('<a>\n  <b> y </b>\n</a>')).toStrictEqual([{ a: [{ '#text': '\n  ' }, { b: [{ '#text': ' y ' }] }, { '#text': '\n' }] }])
  })

  it('one text node from the text on both sides of a comment', () => {
    expect(build('<a>x<!-- note -->y</a>')).toStrictEqual([{ a: [{ '#text': 'xy' }] }])
  })

  it('two text nodes from the text on both sides of a processing instruction', () => {
    expect(build('<a>x<?pi data?>y</a>')).toStrictEqual([{ a: [{ '#text': 'x' }, { '#text': 'y' }] }])
  })

  it('a CDATA node holding its raw content, after the text before it', () => {
    expect(build('<a>x<![CDATA[&amp; <raw>]]></a>')).toStrictEqual([{ a: [{ '#text': 'x' }, { '#cdata': [{ '#text': '&amp; <raw>' }] }] }])
  })

  it('an empty CDATA node for an empty CDATA section', () => {
    expect(build('<a><![CDATA[]]></a>')).toStrictEqual([{ a: [{ '#cdata': [{ '#text': '' }] }] }])
  })

  it('text and attribute values with entity references left raw', () => {
    expect(build('<a t="&lt;&amp;">&lt;&#38;&bogus;</a>')).toStrictEqual([{ a: [{ '#text': '&lt;&#38;&bogus;' }], ':@': { t: '&lt;&amp;' } }])
  })

  it('text and attribute values with CRLF and lone CR turned into LF', () => {
    expect(build('<a t="1\r\n2\r3">x\r\ny\rz</a>')).toStrictEqual([{ a: [{ '#text': 'x\ny\nz' }], ':@': { t: '1\n2\n3' } }])
  })

  it('double- and single-quoted attributes with whitespace around the equals sign', () => {
    expect(build(`<a x = "1 'q'"\n\ty\t=\t'2 "d"' z="3"/>`)).toStrictEqual([{ a: [], ':@': { x: "1 'q'", y: '2 "d"', z: '3' } }])
  })

  it('attributes written without whitespace between them', () => {
    expect(build('<a x="1"y="2"/>')).toStrictEqual([{ a: [], ':@': { x: '1', y: '2' } }])
  })

  it('the last value of a duplicate attribute', () => {
    expect(build('<a x="1" y="2" x="3"/>')).toStrictEqual([{ a: [], ':@': { x: '3', y: '2' } }])
  })

  it('no attribute object for an element without attributes', () => {
    const [root] = build('<a ></a>')
    expect(root).toStrictEqual({ a: [] })
  })

  it('prolog whitespace as a text node only when a processing instruction ends it', () => {
    expect(build('\n<!-- c -->\n<?xml version="1.0"?>\n<a/>')).toStrictEqual([{ '#text': '\n\n' }, { a: [] }])
  })

  it('the root element only, ignoring anything after it', () => {
    expect(build('<a>x</a>\n trailing <garbage & <!DOCTYPE')).toStrictEqual([{ a: [{ '#text': 'x' }] }])
    expect(build('<a/><b>')).toStrictEqual([{ a: [] }])
  })
})

describe('buildXmlTree refuses with 8003', () => {
  it.each([
    ['an attribute without a value', '<a x></a>', 'attribute x without a value'],
    ['an attribute with an unquoted value', '<a x=1></a>', 'value of attribute x not quoted'],
    ['a value without its closing quote', '<a x="1></a>', 'unterminated start tag'],
    ["a '/' that does not end the tag", '<a / ></a>', "'/' not followed by '>' in a start tag"],
    ["a '<' inside a start tag", '<a x="1" <b></a>', "'<' inside a tag"],
    ['a closing tag that does not match', '<a><b></c></a>', 'closing tag does not match <b>'],
    ['a document that ends inside an element', '<a><b></b>', 'document ends inside an element'],
    ['text before the root element', 'x<a/>', 'text before the root element'],
    ['CDATA before the root element', '<![CDATA[x]]><a/>', 'CDATA outside the root element'],
    ['an unterminated comment', '<a><!-- x</a>', 'unterminated comment'],
    ['a markup declaration', '<a><!ELEMENT a ANY></a>', 'markup declarations are not allowed'],
  ])('%s', (_label, xml, reason) => {
    const err = errorOf(xml)
    expect(err.fault).toBe(8003)
    expect(err.message).toBe(`malformed XML: ${reason}`)
  })

  it('a DOCTYPE or ENTITY declaration', () => {
    expect(errorOf('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>').message).toBe('DOCTYPE and ENTITY declarations are not allowed')
    expect(errorOf('<a><!ENTITY x "y"></a>').fault).toBe(8003)
  })

  it.each(['__proto__', 'constructor', 'prototype'])('an element or attribute named %s', (name) => {
    expect(errorOf(`<${name}/>`).fault).toBe(8003)
    expect(errorOf(`<a ${name}="x"/>`).fault).toBe(8003)
  })

  it.each(['#text', '#cdata', ':@'])('an element named like a key of the tree (%s)', (name) => {
    expect(errorOf(`<a><${name}>x</${name}></a>`).fault).toBe(8003)
  })
})

describe('buildXmlTree limits', () => {
  it('refuses more elements than maxElements with 8004', () => {
    expect(() => buildXmlTree('<a><b/><b/><b/></a>', { ...DEFAULT_LIMITS, maxElements: 3 })).toThrow(
      expect.objectContaining({ fault: 8004, message: 'more than 3 elements' }),
    )
  })

  it('accepts exactly maxDepth levels of nesting and refuses one more with 8004', () => {
    const nested = (n: number): string => `${'<a>'.repeat(n)}${'</a>'.repeat(n)}`
    expect(() => buildXmlTree(nested(4), { ...DEFAULT_LIMITS, maxDepth: 4 })).not.toThrow()
    expect(() => buildXmlTree(nested(5), { ...DEFAULT_LIMITS, maxDepth: 4 })).toThrow(expect.objectContaining({ fault: 8004 }))
  })
})
