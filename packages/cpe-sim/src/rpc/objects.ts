import type { AddObject, AddObjectResponse, DeleteObject, DeleteObjectResponse, Fault } from '@acs/cwmp'
import { TreeError } from '../device/parameter-tree.js'
import type { SimDevice } from '../device/sim-device.js'
import { cpeFault } from './cpe-fault.js'

/** AddObject (§6.7): a new instance of a writable table with its defaults; sets ParameterKey on success. */
export function addObject(device: SimDevice, req: AddObject): AddObjectResponse | Fault {
  if (!req.objectName.endsWith('.')) return cpeFault(9005, `${req.objectName} is not a table path`)
  if (req.parameterKey.length > 32) return cpeFault(9003, 'ParameterKey longer than 32')
  try {
    const instanceNumber = device.tree.addInstance(req.objectName)
    device.tree.set(`${device.root}.ManagementServer.ParameterKey`, req.parameterKey)
    return { method: 'AddObjectResponse', instanceNumber, status: 0 }
  } catch (err) {
    if (err instanceof TreeError) return cpeFault(err.faultCode, err.message)
    throw err
  }
}

/** DeleteObject (§6.8): removes one instance and its sub-tree; sets ParameterKey on success. */
export function deleteObject(device: SimDevice, req: DeleteObject): DeleteObjectResponse | Fault {
  if (!req.objectName.endsWith('.')) return cpeFault(9005, `${req.objectName} is not an instance path`)
  if (req.parameterKey.length > 32) return cpeFault(9003, 'ParameterKey longer than 32')
  try {
    device.tree.deleteInstance(req.objectName)
    device.tree.set(`${device.root}.ManagementServer.ParameterKey`, req.parameterKey)
    return { method: 'DeleteObjectResponse', status: 0 }
  } catch (err) {
    if (err instanceof TreeError) return cpeFault(err.faultCode, err.message)
    throw err
  }
}
