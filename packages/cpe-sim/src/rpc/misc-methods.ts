import type {
  ChangeDUState,
  ChangeDUStateResponse,
  Fault,
  FactoryResetResponse,
  GetOptions,
  GetOptionsResponse,
  GetRPCMethodsResponse,
  Reboot,
  RebootResponse,
  ScheduleInform,
  ScheduleInformResponse,
  SetVouchers,
  SetVouchersResponse,
} from '@acs/cwmp'
import type { SimDevice } from '../device/sim-device.js'
import { cpeFault } from './cpe-fault.js'

/** Every CPE method the simulator implements (GetRPCMethods answer). */
export const SUPPORTED_METHODS = [
  'GetRPCMethods',
  'SetParameterValues',
  'GetParameterValues',
  'GetParameterNames',
  'SetParameterAttributes',
  'GetParameterAttributes',
  'AddObject',
  'DeleteObject',
  'Reboot',
  'Download',
  'Upload',
  'FactoryReset',
  'GetQueuedTransfers',
  'GetAllQueuedTransfers',
  'ScheduleInform',
  'SetVouchers',
  'GetOptions',
  'ScheduleDownload',
  'CancelTransfer',
  'ChangeDUState',
] as const

/** GetRPCMethods (§6.1). */
export function getRpcMethods(): GetRPCMethodsResponse {
  return { method: 'GetRPCMethodsResponse', methodList: [...SUPPORTED_METHODS] }
}

/** Reboot (§6.9): the device reboots after the session and informs `1 BOOT` + `M Reboot`. */
export function reboot(device: SimDevice, req: Reboot): RebootResponse {
  device.after({ kind: 'reboot', commandKey: req.commandKey })
  return { method: 'RebootResponse' }
}

/** FactoryReset (§6.12): after the session the device returns to factory state and bootstraps. */
export function factoryReset(device: SimDevice): FactoryResetResponse {
  device.after({ kind: 'factoryReset' })
  return { method: 'FactoryResetResponse' }
}

/** ScheduleInform (§6.15): DelaySeconds must be > 0; later a session with `3 SCHEDULED` + `M ScheduleInform`. */
export function scheduleInform(device: SimDevice, req: ScheduleInform): ScheduleInformResponse | Fault {
  if (!Number.isInteger(req.delaySeconds) || req.delaySeconds <= 0) return cpeFault(9003, 'DelaySeconds must be > 0')
  device.after({ kind: 'scheduleInform', delaySeconds: req.delaySeconds, commandKey: req.commandKey })
  return { method: 'ScheduleInformResponse' }
}

/** ChangeDUState (§6.20): accepted now, executed after the session, results in DUStateChangeComplete. */
export function changeDuState(device: SimDevice, req: ChangeDUState): ChangeDUStateResponse | Fault {
  if (req.operations.length === 0) return cpeFault(9003, 'no operations')
  if ((req.commandKey ?? '').length > 32) return cpeFault(9003, 'CommandKey longer than 32')
  const job = { commandKey: req.commandKey ?? '', operations: req.operations, state: 'pending' as const }
  ;(device.duJobs ??= []).push(job)
  device.after({ kind: 'changeDuState', job })
  return { method: 'ChangeDUStateResponse' }
}

/** SetVouchers (§6.16): the simulator accepts vouchers and enables no option. */
export function setVouchers(req: SetVouchers): SetVouchersResponse | Fault {
  if (req.voucherList.length === 0) return cpeFault(9003, 'VoucherList is empty')
  return { method: 'SetVouchersResponse' }
}

/** GetOptions (§6.17): the simulated devices have no optional features installed. */
export function getOptions(_req: GetOptions): GetOptionsResponse {
  return { method: 'GetOptionsResponse', optionList: [] }
}
