/**
 * The element tree the decoder maps from (built by xml-tree-builder.ts), and the few accessors the
 * decoder needs. Every node has the same shape, whatever its kind, so the builder allocates objects
 * of one hidden class and the accessors stay monomorphic (the tree build is most of a decode).
 * The structure is the one fast-xml-parser builds in `preserveOrder` mode, which stays the
 * builder's test oracle: test/support/fxp-shape.ts converts between the two.
 */
import { decodeEntities } from './entities.js'

/**
 * Attributes of an element as flat name, value pairs in document order, each name once (raw:
 * entity references not decoded). An array rather than an object keyed by name: objects with
 * arbitrary keys are slow to build and to walk.
 */
export type XAttrs = readonly string[]

/** What a node is: an element, a run of text, or a CDATA section. */
export type XKind = typeof ELEMENT | typeof TEXT | typeof CDATA
export const ELEMENT = 0
export const TEXT = 1
export const CDATA = 2

/** A raw node of the tree. */
export interface XNode {
  readonly kind: XKind
  /** The tag name, prefix included; '' for text and CDATA. */
  readonly tag: string
  readonly attrs: XAttrs | undefined
  /** An element's children; empty for text and CDATA. */
  readonly children: XNode[]
  /** The raw text of a text node or CDATA section; '' for an element. */
  readonly text: string
}

const NO_CHILDREN: XNode[] = []
Object.freeze(NO_CHILDREN)

/** A new element node (its `children` array is filled by the builder). */
export function elementNode(tag: string, attrs: XAttrs | undefined): XNode {
  return { kind: ELEMENT, tag, attrs, children: [], text: '' }
}

/** A text node holding `raw` (entity references not decoded). */
export function textNode(raw: string): XNode {
  return { kind: TEXT, tag: '', attrs: undefined, children: NO_CHILDREN, text: raw }
}

/** A CDATA section holding `raw`. */
export function cdataNode(raw: string): XNode {
  return { kind: CDATA, tag: '', attrs: undefined, children: NO_CHILDREN, text: raw }
}

/** The tag name of an element node (prefix included), or undefined for text and CDATA nodes. */
export function tagOf(node: XNode): string | undefined {
  return node.kind === ELEMENT ? node.tag : undefined
}

/** The child nodes of an element node whose tag is `tag`. */
export function childrenOf(node: XNode, tag: string): readonly XNode[] {
  return node.tag === tag ? node.children : NO_CHILDREN
}

/** The attributes of an element node, if it has any. */
export function attrsOf(node: XNode): XAttrs | undefined {
  return node.attrs
}

/** The local part of a qualified name. */
export function localName(qname: string): string {
  const colon = qname.indexOf(':')
  return colon < 0 ? qname : qname.slice(colon + 1)
}

/** The text content of an element given its children: entity-decoded text plus raw CDATA, never trimmed. */
export function textOf(kids: readonly XNode[]): string {
  if (kids.length === 1) {
    const only = kids[0] as XNode
    if (only.kind === TEXT) return decodeEntities(only.text)
  }
  let out = ''
  for (const kid of kids) {
    if (kid.kind === TEXT) out += decodeEntities(kid.text)
    else if (kid.kind === CDATA) out += kid.text
  }
  return out
}
