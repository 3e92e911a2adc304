/**
 * A SOAP 1.1 Fault body with a cwmp:Fault detail (§8.3), read leniently: faultcode prefixes are
 * stripped, detail and its children may be qualified or not, FaultCode may carry whitespace.
 */
import { CwmpParseError } from '../errors.js'
import { cwmpNamespaceOf } from '../namespaces.js'
import { SET_PARAMETER_VALUES_FAULT } from '../schema/structs.js'
import type { CwmpNamespace, Fault, SetParameterValuesFault } from '../types.js'
import { toUnsigned } from './scalars.js'
import { namespaceOf, scopeWith, type Scope } from './scope.js'
import { decodeStruct } from './struct-decoder.js'
import { attrsOf, childrenOf, localName, tagOf, textOf, type XNode } from './xml-tree.js'

/** A decoded Fault and the cwmp namespace of its cwmp:Fault element, if it had one. */
export interface DecodedFault {
  body: Fault
  namespace: CwmpNamespace | undefined
}

/** The element child of `kids` with local name `name`, with its tag. */
function child(kids: readonly XNode[], name: string): { node: XNode; tag: string } | undefined {
  for (const node of kids) {
    const tag = tagOf(node)
    if (tag !== undefined && localName(tag) === name) return { node, tag }
  }
  return undefined
}

/** Decodes the children of a soap Fault element. */
export function decodeFault(kids: readonly XNode[], scope: Scope): DecodedFault {
  const code = child(kids, 'faultcode')
  const faultString = child(kids, 'faultstring')
  const detail = child(kids, 'detail')
  const detailKids = detail === undefined ? [] : childrenOf(detail.node, detail.tag)
  const cwmpFault = child(detailKids, 'Fault')
  if (cwmpFault === undefined) throw new CwmpParseError('Fault: missing detail/cwmp:Fault', 8003)
  const faultScope = scopeWith(detail === undefined ? scope : scopeWith(scope, attrsOf(detail.node)), attrsOf(cwmpFault.node))
  const faultKids = childrenOf(cwmpFault.node, cwmpFault.tag)

  const codeEl = child(faultKids, 'FaultCode')
  if (codeEl === undefined) throw new CwmpParseError('Fault: missing FaultCode', 8003)
  const stringEl = child(faultKids, 'FaultString')
  const entries: SetParameterValuesFault[] = []
  for (const node of faultKids) {
    const tag = tagOf(node)
    if (tag === undefined || localName(tag) !== 'SetParameterValuesFault') continue
    const inner = scopeWith(faultScope, attrsOf(node))
    entries.push(decodeStruct(SET_PARAMETER_VALUES_FAULT, childrenOf(node, tag), inner) as unknown as SetParameterValuesFault)
  }

  const rawCode = code === undefined ? '' : textOf(childrenOf(code.node, code.tag)).trim()
  const body: Fault = {
    method: 'Fault',
    faultCode: localName(rawCode),
    faultString: faultString === undefined ? '' : textOf(childrenOf(faultString.node, faultString.tag)),
    detail: {
      faultCode: toUnsigned(textOf(childrenOf(codeEl.node, codeEl.tag)), 'Fault/FaultCode'),
      faultString: stringEl === undefined ? '' : textOf(childrenOf(stringEl.node, stringEl.tag)),
      ...(entries.length > 0 ? { setParameterValuesFault: entries } : {}),
    },
  }
  return { body, namespace: cwmpNamespaceOf(namespaceOf(cwmpFault.tag, faultScope)) }
}
