/**
 * The CWMP SOAP header (§2.5). Header elements are matched by local name when their namespace
 * is a cwmp one (or none); unknown elements are ignored, and so is a header value that cannot
 * be read (a bad header must not fail the session), except that an ID is always kept.
 */
import { cwmpNamespaceOf } from '../namespaces.js'
import type { CwmpNamespace, SoapHeader } from '../types.js'
import { toBoolean, toUnsigned } from './scalars.js'
import { namespaceOf, scopeWith, type Scope } from './scope.js'
import { attrsOf, childrenOf, localName, tagOf, textOf, type XNode } from './xml-tree.js'

/** The decoded header and the cwmp namespace its elements used, if any. */
export interface DecodedHeader {
  header: SoapHeader
  namespace: CwmpNamespace | undefined
}

function tryRead<T>(read: () => T): T | undefined {
  try {
    return read()
  } catch {
    return undefined
  }
}

/** Decodes the children of a soap Header element. */
export function decodeHeader(kids: readonly XNode[], scope: Scope): DecodedHeader {
  const header: SoapHeader = {}
  let namespace: CwmpNamespace | undefined
  for (const kid of kids) {
    const tag = tagOf(kid)
    if (tag === undefined) continue
    const inner = scopeWith(scope, attrsOf(kid))
    const uri = namespaceOf(tag, inner)
    const cwmp = cwmpNamespaceOf(uri)
    if (cwmp === undefined && uri !== '') continue
    namespace ??= cwmp
    const text = textOf(childrenOf(kid, tag))
    switch (localName(tag)) {
      case 'ID':
        header.id = text.trim()
        break
      case 'HoldRequests':
        assign(header, 'holdRequests', tryRead(() => toBoolean(text, 'HoldRequests')))
        break
      case 'NoMoreRequests':
        assign(header, 'noMoreRequests', tryRead(() => toBoolean(text, 'NoMoreRequests')))
        break
      case 'SessionTimeout':
        assign(header, 'sessionTimeout', tryRead(() => toUnsigned(text, 'SessionTimeout')))
        break
      case 'SupportedCWMPVersions':
        header.supportedCwmpVersions = text.split(',').map((v) => v.trim()).filter((v) => v.length > 0)
        break
      case 'UseCWMPVersion':
        header.useCwmpVersion = text.trim()
        break
    }
  }
  return { header, namespace }
}

function assign<K extends 'holdRequests' | 'noMoreRequests' | 'sessionTimeout'>(header: SoapHeader, key: K, value: SoapHeader[K] | undefined): void {
  if (value !== undefined) header[key] = value
}
