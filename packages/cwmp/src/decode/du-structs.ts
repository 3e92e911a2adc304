/**
 * ChangeDUState Operations and DU Results (cwmp-reference §6.20, §7.4): per the XSD one repeated
 * element per operation/result, operations typed with xsi:type; some stacks use a SOAP array
 * instead (`<Operations soapenc:arrayType=...><InstallOpStruct>...`). Both are accepted.
 */
import { CwmpParseError } from '../errors.js'
import { AUTON_OP_RESULT, DU_OPERATION_SPECS, OP_RESULT } from '../schema/structs.js'
import { decodeStruct, type Decoded } from './struct-decoder.js'
import { xsiTypeOf } from './scalars.js'
import { scopeWith, type Scope } from './scope.js'
import { attrsOf, childrenOf, localName, tagOf, type XNode } from './xml-tree.js'

const OP_TYPE_BY_STRUCT: ReadonlyMap<string, 'Install' | 'Update' | 'Uninstall'> = new Map([
  ['InstallOpStruct', 'Install'],
  ['UpdateOpStruct', 'Update'],
  ['UninstallOpStruct', 'Uninstall'],
])

const ARRAY_MEMBER_NAMES: ReadonlySet<string> = new Set([
  'InstallOpStruct', 'UpdateOpStruct', 'UninstallOpStruct', 'OperationStruct', 'OpResultStruct', 'AutonOpResultStruct',
])

/** The element children of `node` when they are SOAP-array members, else undefined (XSD form). */
function arrayMembers(node: XNode, tag: string): XNode[] | undefined {
  const members: XNode[] = []
  for (const kid of childrenOf(node, tag)) {
    const kidTag = tagOf(kid)
    if (kidTag === undefined) continue
    if (!ARRAY_MEMBER_NAMES.has(localName(kidTag))) return undefined
    members.push(kid)
  }
  return members.length > 0 ? members : undefined
}

/** Each item element of a repeated field, whichever form was used. */
function items(nodes: readonly XNode[]): XNode[] {
  const out: XNode[] = []
  for (const node of nodes) {
    const tag = tagOf(node) as string
    const members = arrayMembers(node, tag)
    if (members === undefined) out.push(node)
    else out.push(...members)
  }
  return out
}

function decodeOperation(node: XNode, scope: Scope): Decoded {
  const tag = tagOf(node) as string
  const attrs = attrsOf(node)
  const inner = scopeWith(scope, attrs)
  const typeName = xsiTypeOf(attrs, inner)
  const type = OP_TYPE_BY_STRUCT.get(localName(typeName?.trim() ?? localName(tag)))
  if (type === undefined) {
    throw new CwmpParseError(`ChangeDUState/Operations: unknown operation type ${JSON.stringify(typeName ?? tag)}`, 8003)
  }
  return decodeStruct(DU_OPERATION_SPECS[type], childrenOf(node, tag), inner, { type })
}

/** The operations of a ChangeDUState from its `Operations` elements. */
export function decodeDuOperations(nodes: readonly XNode[], scope: Scope): Decoded[] {
  return items(nodes).map((node) => decodeOperation(node, scope))
}

/** The results of a (Autonomous)DUStateChangeComplete from its `Results` elements. */
export function decodeOpResults(nodes: readonly XNode[], scope: Scope, autonomous: boolean): Decoded[] {
  const spec = autonomous ? AUTON_OP_RESULT : OP_RESULT
  return items(nodes).map((node) => {
    const tag = tagOf(node) as string
    return decodeStruct(spec, childrenOf(node, tag), scopeWith(scope, attrsOf(node)))
  })
}
