/**
 * A thin typed view over fast-xml-parser's output for the BBF data-model XML: every element
 * becomes an `XmlElement`, every child list an array, so callers never guess shapes.
 */
import { XMLParser } from 'fast-xml-parser'

/** One parsed element: attributes under `@name`, child elements under their tag name. */
export interface XmlElement {
  readonly [key: string]: unknown
}

const ATTR = '@'

/** Parses a BBF data-model document and returns its root element (`dm:document`). */
export function parseBbfXml(xml: string): XmlElement {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    // Descriptions are dropped from the output, so there is no point in parsing their markup.
    stopNodes: ['*.description'],
    isArray: (_tag, _path, _leaf, isAttribute) => !isAttribute,
  })
  const parsed: unknown = parser.parse(xml)
  const root = asElement(parsed)
  const documents = children(root, 'document')
  const document = documents[0]
  if (!document || documents.length !== 1) throw new Error('not a BBF data-model document: no single <document> root')
  return document
}

/** The value of an attribute, or undefined when absent. */
export function attr(element: XmlElement, name: string): string | undefined {
  const value = element[ATTR + name]
  return typeof value === 'string' ? value : undefined
}

/** The child elements with the given tag, in document order. */
export function children(element: XmlElement, tag: string): XmlElement[] {
  const value = element[tag]
  if (value === undefined) return []
  if (!Array.isArray(value)) throw new Error(`unexpected shape for <${tag}>`)
  return value.map(asElement)
}

/** The first child with the given tag, if any. */
export function child(element: XmlElement, tag: string): XmlElement | undefined {
  return children(element, tag)[0]
}

/** Tags of the element's children (attributes and text excluded). */
export function childTags(element: XmlElement): string[] {
  return Object.keys(element).filter((key) => !key.startsWith(ATTR) && key !== '#text')
}

function asElement(value: unknown): XmlElement {
  // An empty element such as <boolean/> is parsed as an empty string.
  if (typeof value === 'string') return {}
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as XmlElement
  throw new Error('unexpected XML node shape')
}
