/**
 * decodeEnvelope: SOAP bytes -> typed Envelope. Steps: size check, BOM/UTF-8 handling, one pass
 * that validates the XML (well-formedness, DTD ban, limits) and builds its tree, then one mapping
 * pass over the tree driven by the method specs. Names are resolved by namespace URI,
 * never by prefix. Any failure is a CwmpParseError carrying the ACS fault code to answer with.
 */
import { CwmpParseError } from '../errors.js'
import { SOAP_ENV_NS, cwmpNamespaceOf } from '../namespaces.js'
import { METHOD_SPECS } from '../schema/registry.js'
import type { CwmpBody, CwmpNamespace, Envelope, SoapHeader } from '../types.js'
import { decodeFault } from './fault.js'
import { decodeHeader } from './header.js'
import { resolveLimits, type DecodeOptions } from './limits.js'
import { ROOT_SCOPE, boundUris, namespaceOf, scopeWith, type Scope } from './scope.js'
import { decodeStruct } from './struct-decoder.js'
import { attrsOf, childrenOf, localName, tagOf, type XNode } from './xml-tree.js'
import { buildXmlTree } from './xml-tree-builder.js'

const utf8 = new TextDecoder('utf-8')

/** Namespace used when a message names no cwmp namespace at all. */
const FALLBACK_NAMESPACE: CwmpNamespace = 'urn:dslforum-org:cwmp-1-0'

interface Element {
  node: XNode
  tag: string
  scope: Scope
}

/** The element children of `node` with their scopes. */
function elements(parent: Element): Element[] {
  const out: Element[] = []
  for (const node of childrenOf(parent.node, parent.tag)) {
    const tag = tagOf(node)
    if (tag !== undefined) out.push({ node, tag, scope: scopeWith(parent.scope, attrsOf(node)) })
  }
  return out
}

/** True when `el` is the SOAP element `name` (SOAP 1.1 namespace, or unqualified from sloppy stacks). */
function isSoap(el: Element, name: string): boolean {
  if (localName(el.tag) !== name) return false
  const uri = namespaceOf(el.tag, el.scope)
  return uri === SOAP_ENV_NS || uri === ''
}

function toText(input: string | Uint8Array, maxBytes: number): string {
  if (input.length > maxBytes) throw new CwmpParseError(`message larger than ${maxBytes} bytes`, 8004)
  const text = typeof input === 'string' ? input : utf8.decode(input)
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

function rootElement(nodes: readonly XNode[]): Element {
  for (const node of nodes) {
    const tag = tagOf(node)
    if (tag !== undefined) return { node, tag, scope: scopeWith(ROOT_SCOPE, attrsOf(node)) }
  }
  throw new CwmpParseError('malformed XML: no root element', 8003)
}

function decodeBody(rpc: Element): { body: CwmpBody; namespace: CwmpNamespace | undefined } {
  const uri = namespaceOf(rpc.tag, rpc.scope)
  const name = localName(rpc.tag)
  if (name === 'Fault' && (uri === SOAP_ENV_NS || uri === '')) {
    return decodeFault(childrenOf(rpc.node, rpc.tag), rpc.scope)
  }
  const namespace = cwmpNamespaceOf(uri)
  const spec = namespace !== undefined || uri === '' ? METHOD_SPECS.get(name) : undefined
  if (spec === undefined) {
    throw new CwmpParseError(`method not supported: ${name}${uri === '' ? '' : ` in ${uri}`}`, 8000)
  }
  const body = decodeStruct(spec, childrenOf(rpc.node, rpc.tag), rpc.scope, { method: spec.name })
  return { body: body as unknown as CwmpBody, namespace }
}

/** The cwmp namespace of a message whose body and header named none: the first one declared in scope. */
function declaredNamespace(scope: Scope): CwmpNamespace {
  for (const uri of boundUris(scope)) {
    const ns = cwmpNamespaceOf(uri)
    if (ns !== undefined) return ns
  }
  return FALLBACK_NAMESPACE
}

/**
 * Decodes one CWMP SOAP envelope. Throws CwmpParseError: 8003 for anything malformed or
 * missing a required argument, 8004 over a limit, 8000 for a body element that is not a
 * CWMP method.
 */
export function decodeEnvelope(input: string | Uint8Array, options?: DecodeOptions): Envelope {
  const limits = resolveLimits(options)
  try {
    const root = rootElement(buildXmlTree(toText(input, limits.maxBytes), limits))
    if (!isSoap(root, 'Envelope') || namespaceOf(root.tag, root.scope) !== SOAP_ENV_NS) {
      throw new CwmpParseError(`not a SOAP 1.1 Envelope: <${root.tag}>`, 8003)
    }
    let header: SoapHeader = {}
    let headerNamespace: CwmpNamespace | undefined
    let bodyEl: Element | undefined
    for (const el of elements(root)) {
      if (bodyEl === undefined && isSoap(el, 'Body')) bodyEl = el
      else if (isSoap(el, 'Header')) ({ header, namespace: headerNamespace } = decodeHeader(childrenOf(el.node, el.tag), el.scope))
    }
    if (bodyEl === undefined) throw new CwmpParseError('Envelope has no Body', 8003)
    const rpcs = elements(bodyEl)
    if (rpcs.length !== 1) throw new CwmpParseError(`Body must hold exactly one element, found ${rpcs.length}`, 8003)
    const rpc = rpcs[0] as Element
    const { body, namespace } = decodeBody(rpc)
    return { namespace: namespace ?? headerNamespace ?? declaredNamespace(rpc.scope), header, body }
  } catch (err) {
    if (err instanceof CwmpParseError) throw err
    throw new CwmpParseError(`internal decoder error: ${err instanceof Error ? err.message : String(err)}`, 8003, { cause: err })
  }
}
