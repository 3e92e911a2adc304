/**
 * The element tree the decoder maps from (built by xml-tree-builder.ts), and the few accessors the
 * decoder needs. Each node is an element `{ [tagName]: children, ':@'?: attributes }`, a text node
 * `{ '#text': raw }` or a CDATA node `{ '#cdata': [{ '#text': raw }] }`: the shape of
 * fast-xml-parser's `preserveOrder` mode, which stays the builder's test oracle.
 */
import { decodeEntities } from './entities.js'

/** A raw node of the tree: an element, a text node or a CDATA node. */
export type XNode = Readonly<Record<string, unknown>>
/** Attributes of an element, raw (entity references not decoded). */
export type XAttrs = Readonly<Record<string, string>>

const TEXT = '#text'
const CDATA = '#cdata'
const ATTRS = ':@'

/** The tag name of an element node (prefix included), or undefined for text and CDATA nodes. */
export function tagOf(node: XNode): string | undefined {
  for (const key in node) {
    if (key === ATTRS) continue
    return key.charCodeAt(0) === 35 /* # */ ? undefined : key
  }
  return undefined
}

/** The child nodes of an element node whose tag is `tag`. */
export function childrenOf(node: XNode, tag: string): readonly XNode[] {
  const kids = node[tag]
  return Array.isArray(kids) ? (kids as XNode[]) : []
}

/** The attributes of an element node, if it has any. */
export function attrsOf(node: XNode): XAttrs | undefined {
  return node[ATTRS] as XAttrs | undefined
}

/** The local part of a qualified name. */
export function localName(qname: string): string {
  const colon = qname.indexOf(':')
  return colon < 0 ? qname : qname.slice(colon + 1)
}

/** The text content of an element given its children: entity-decoded text plus raw CDATA, never trimmed. */
export function textOf(kids: readonly XNode[]): string {
  if (kids.length === 1) {
    const only = kids[0]?.[TEXT]
    if (typeof only === 'string') return decodeEntities(only)
  }
  let out = ''
  for (const kid of kids) {
    const text = kid[TEXT]
    if (typeof text === 'string') {
      out += decodeEntities(text)
      continue
    }
    const cdata = kid[CDATA]
    if (Array.isArray(cdata)) {
      for (const part of cdata as XNode[]) {
        const raw = part[TEXT]
        if (typeof raw === 'string') out += raw
      }
    }
  }
  return out
}

/** True when the children hold no element (only text, CDATA or nothing). */
export function hasNoElements(kids: readonly XNode[]): boolean {
  for (const kid of kids) if (tagOf(kid) !== undefined) return false
  return true
}
