import { CDATA, ELEMENT, type XNode } from '../../src/decode/xml-tree.js'

/** A node in fast-xml-parser's preserveOrder shape: `{ tag: children, ':@'?: attrs }`, `{ '#text': raw }`, `{ '#cdata': [{ '#text': raw }] }`. */
export type FxpNode = Record<string, unknown>

/** The builder's tree in fast-xml-parser's preserveOrder shape, so the two can be compared node for node. */
export function toFxpShape(nodes: readonly XNode[]): FxpNode[] {
  return nodes.map((node) => {
    if (node.kind === ELEMENT) {
      const out: FxpNode = { [node.tag]: toFxpShape(node.children) }
      if (node.attrs !== undefined) {
        const attrs: Record<string, string> = {}
        for (let i = 0; i < node.attrs.length; i += 2) attrs[node.attrs[i] as string] = node.attrs[i + 1] as string
        out[':@'] = attrs
      }
      return out
    }
    return node.kind === CDATA ? { '#cdata': [{ '#text': node.text }] } : { '#text': node.text }
  })
}
