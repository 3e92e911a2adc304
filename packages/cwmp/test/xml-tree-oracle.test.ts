/**
 * Differential test: the decoder's own tree builder against fast-xml-parser in preserveOrder mode
 * with the options the decoder used before it had its own builder. On every well-formed input the
 * two trees must be equal, node for node.
 */
import fc from 'fast-check'
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { ALL_METHODS, encodeEnvelope } from '@acs/cwmp'
import { DEFAULT_LIMITS } from '../src/decode/limits.js'
import { buildXmlTree } from '../src/decode/xml-tree-builder.js'
import { toFxpShape } from './support/fxp-shape.js'
import { envelopeArb } from './support/arbitraries.js'
import { corpusAvailable, corpusEntries, corpusFile } from './support/corpus.js'
import { restylesArb } from './support/restyles.js'
import { SAMPLE_BODIES, envelopeOf } from './support/samples.js'
import { VENDOR_ENVELOPES } from './support/vendor-envelopes.js'

const oracle = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  commentPropName: false,
  jPath: false,
  maxNestedTags: DEFAULT_LIMITS.maxDepth + 1,
})

/** The text as decodeEnvelope hands it to the builder: without a leading BOM. */
function withoutBom(xml: string): string {
  return xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml
}

/** The text up to the end of the root element's closing tag: what fast-xml-parser must see (the builder ignores the rest). */
function throughRoot(xml: string): string {
  const root = /<([^\s/>?!]+)/.exec(xml)
  if (root?.[1] === undefined) return xml
  const close = xml.lastIndexOf(`</${root[1]}`)
  return close < 0 ? xml : xml.slice(0, xml.indexOf('>', close) + 1)
}

/** Asserts that the builder and fast-xml-parser give the same tree for `xml`. */
function expectSameTree(xml: string): void {
  const text = withoutBom(xml)
  expect(toFxpShape(buildXmlTree(text, DEFAULT_LIMITS))).toStrictEqual(oracle.parse(throughRoot(text)))
}

const ownEncodings = ALL_METHODS.map((m) => [m, encodeEnvelope(envelopeOf(SAMPLE_BODIES[m]))] as const)
const corpus = corpusAvailable()
  ? corpusEntries().filter((e) => e.well_formed).map((e) => [e.path, corpusFile(e).toString('utf8')] as const)
  : []

/** Small documents that pin down the choices the builder copies from fast-xml-parser. */
const EDGE_CASES = [
  '<a>\n  <b> y </b>\n</a>',
  '<a>x<!-- c -->y<!---->z</a>',
  '<a>x<?pi d?>y</a>',
  '<a>x<![CDATA[]]>y<![CDATA[ <r> ]]></a>',
  '<a t="1\r\n2\r3">x\r\ny\rz</a>',
  `<a x = "1 'q'"\n\ty\t=\t'2 "d"' z="3"/>`,
  '<a x="1"y="2"/>',
  '<a x="1" y="2" x="3"/>',
  '<a ></a >',
  '<a t="&lt;&amp;">&lt;&#38;&bogus;</a>',
  '\n<!-- c -->\n<?xml version="1.0"?>\n<a/>',
  '<?xml version="1.0"?><!-- c --> <a>x</a>',
]

describe('the tree builder against fast-xml-parser', () => {
  it.each(EDGE_CASES)('builds the same tree for %j', (xml) => {
    expectSameTree(xml)
  })

  it.each(Object.entries(VENDOR_ENVELOPES))('builds the same tree for the vendor-style envelope %s', (_name, xml) => {
    expectSameTree(xml)
  })

  it.each(ownEncodings)('builds the same tree for our own %s encoding', (_method, xml) => {
    expectSameTree(xml)
  })

  it.runIf(corpus.length > 0).each(corpus)('builds the same tree for the corpus file %s', (_path, xml) => {
    expectSameTree(xml)
  })

  it('builds the same tree for generated envelopes, restyled the way CPE stacks write them', () => {
    fc.assert(
      fc.property(envelopeArb, restylesArb, (envelope, restyles) => {
        expectSameTree(restyles.reduce((xml, restyle) => restyle(xml), encodeEnvelope(envelope)))
      }),
      { numRuns: 400 },
    )
  })
})
