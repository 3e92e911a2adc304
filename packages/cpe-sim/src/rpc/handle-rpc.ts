import type { CpeRequest, CpeResponse, CwmpBody, Fault } from '@acs/cwmp'
import type { SimDevice } from '../device/sim-device.js'
import { cpeFault } from './cpe-fault.js'
import { changeDuState, factoryReset, getOptions, getRpcMethods, reboot, scheduleInform, setVouchers } from './misc-methods.js'
import { addObject, deleteObject } from './objects.js'
import { getParameterAttributes, setParameterAttributes } from './parameter-attributes.js'
import { getParameterNames } from './parameter-names.js'
import { getParameterValues, setParameterValues } from './parameter-values.js'
import { cancelTransfer, download, getAllQueuedTransfers, getQueuedTransfers, scheduleDownload, upload } from './transfers.js'

/** Answers one ACS request like a real CPE: a response body, or a Fault (9000 for methods it does not know). */
export function handleRpc(device: SimDevice, body: CwmpBody, now: number): CpeResponse | Fault {
  const req = body as CpeRequest
  switch (req.method) {
    case 'GetRPCMethods':
      return getRpcMethods()
    case 'GetParameterValues':
      return getParameterValues(device, req, now)
    case 'SetParameterValues':
      return setParameterValues(device, req, now)
    case 'GetParameterNames':
      return getParameterNames(device, req)
    case 'SetParameterAttributes':
      return setParameterAttributes(device, req)
    case 'GetParameterAttributes':
      return getParameterAttributes(device, req)
    case 'AddObject':
      return addObject(device, req)
    case 'DeleteObject':
      return deleteObject(device, req)
    case 'Reboot':
      return reboot(device, req)
    case 'FactoryReset':
      return factoryReset(device)
    case 'Download':
      return download(device, req, now)
    case 'Upload':
      return upload(device, req, now)
    case 'ScheduleDownload':
      return scheduleDownload(device, req, now)
    case 'CancelTransfer':
      return cancelTransfer(device, req)
    case 'GetQueuedTransfers':
      return getQueuedTransfers(device)
    case 'GetAllQueuedTransfers':
      return getAllQueuedTransfers(device)
    case 'ScheduleInform':
      return scheduleInform(device, req)
    case 'ChangeDUState':
      return changeDuState(device, req)
    case 'SetVouchers':
      return setVouchers(req)
    case 'GetOptions':
      return getOptions(req)
    default:
      return cpeFault(9000, `${(body as { method: string }).method} is not supported`)
  }
}
