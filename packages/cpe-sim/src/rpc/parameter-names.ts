import type { Fault, GetParameterNames, GetParameterNamesResponse, ParameterInfo } from '@acs/cwmp'
import type { TreeNode } from '../device/parameter-tree.js'
import type { SimDevice } from '../device/sim-device.js'
import { MAX_PATH_LENGTH, cpeFault } from './cpe-fault.js'

/**
 * GetParameterNames (§6.4): `""` + NextLevel=true gives the root object; an object path with
 * NextLevel=true its direct children, with false itself and everything below; a parameter
 * name only with NextLevel=false (else 9003).
 */
export function getParameterNames(device: SimDevice, req: GetParameterNames): GetParameterNamesResponse | Fault {
  const path = req.parameterPath
  if (path.length > MAX_PATH_LENGTH) return cpeFault(9003, `ParameterPath longer than ${MAX_PATH_LENGTH}`)
  const rootPath = `${device.root}.`
  if (path === '') {
    if (req.nextLevel) return response([{ name: rootPath, writable: false }])
    return response([...device.tree.walk(rootPath)].map(info))
  }
  const node = device.tree.node(path)
  if (!node) return cpeFault(9005, `${path} does not exist`)
  if (node.kind === 'param') {
    if (req.nextLevel) return cpeFault(9003, 'NextLevel must be false for a parameter name')
    return response([info(node)])
  }
  if (!req.nextLevel) return response([...device.tree.walk(path)].map(info))
  const out: ParameterInfo[] = []
  for (const child of device.tree.walk(path)) {
    if (isDirectChild(path, child)) out.push(info(child))
  }
  return response(out)
}

function isDirectChild(parent: string, node: TreeNode): boolean {
  if (node.path === parent) return false
  if (node.kind === 'param') return node.path.lastIndexOf('.') === parent.length - 1
  return node.path.indexOf('.', parent.length) === node.path.length - 1
}

function info(node: TreeNode): ParameterInfo {
  if (node.kind === 'param') return { name: node.path, writable: node.def.writable }
  // For objects, Writable says whether instances can be added (table) or this one deleted (instance).
  return { name: node.path, writable: node.objectKind !== 'single' && node.def.writable }
}

function response(parameterList: ParameterInfo[]): GetParameterNamesResponse {
  return { method: 'GetParameterNamesResponse', parameterList }
}
