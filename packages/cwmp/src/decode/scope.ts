/**
 * XML namespace scopes: prefix -> URI maps chained by prototype, so a lookup walks the
 * enclosing declarations without copying them. The key '' holds the default namespace.
 */
import { decodeEntities } from './entities.js'
import type { XAttrs } from './xml-tree.js'

/** Prefix -> namespace URI bindings in force at an element. */
export type Scope = Readonly<Record<string, string | undefined>>

/** The scope outside the document: only the reserved `xml` prefix is bound. */
export const ROOT_SCOPE: Scope = Object.assign(Object.create(null) as Record<string, string>, {
  xml: 'http://www.w3.org/XML/1998/namespace',
})

/** The scope inside an element with attributes `attrs`: the parent's, plus its xmlns declarations. */
export function scopeWith(parent: Scope, attrs: XAttrs | undefined): Scope {
  if (attrs === undefined) return parent
  let scope: Record<string, string | undefined> | undefined
  for (let i = 0; i < attrs.length; i += 2) {
    const name = attrs[i] as string
    if (!name.startsWith('xmlns')) continue
    let prefix: string
    if (name.length === 5) prefix = ''
    else if (name.charCodeAt(5) === 58 /* : */) prefix = name.slice(6)
    else continue
    scope ??= Object.create(parent) as Record<string, string | undefined>
    scope[prefix] = decodeEntities(attrs[i + 1] as string).trim()
  }
  return scope ?? parent
}

/** The namespace URI of an element or attribute name in `scope` ('' when unqualified or unbound). */
export function namespaceOf(qname: string, scope: Scope, isAttribute = false): string {
  const colon = qname.indexOf(':')
  if (colon < 0) return isAttribute ? '' : (scope[''] ?? '')
  return scope[qname.slice(0, colon)] ?? ''
}

/** Every cwmp-looking namespace URI bound anywhere in `scope`, innermost first. */
export function boundUris(scope: Scope): string[] {
  const uris: string[] = []
  for (const prefix in scope) {
    const uri = scope[prefix]
    if (uri !== undefined) uris.push(uri)
  }
  return uris
}
