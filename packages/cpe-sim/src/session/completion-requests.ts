import type { DUStateChangeComplete, TransferComplete } from '@acs/cwmp'
import type { SimDevice } from '../device/sim-device.js'
import type { DuJob, Transfer } from '../device/transfer-types.js'
import { UNKNOWN_TIME } from '../model/value-helpers.js'

/** A request the CPE sends in a session, with what it settles once acknowledged. */
export type CompletionRequest =
  | { readonly request: TransferComplete; readonly transfer: Transfer }
  | { readonly request: DUStateChangeComplete; readonly job: DuJob }

/** TransferComplete for every finished transfer, DUStateChangeComplete for every finished DU job (§7.2, §7.4). */
export function completionRequests(device: SimDevice): CompletionRequest[] {
  const out: CompletionRequest[] = []
  for (const t of device.transfers ?? []) {
    if (t.state !== 3) continue
    out.push({
      transfer: t,
      request: {
        method: 'TransferComplete',
        commandKey: t.commandKey,
        faultStruct: t.fault ?? { faultCode: 0, faultString: '' },
        startTime: t.startTime ?? UNKNOWN_TIME,
        completeTime: t.completeTime ?? UNKNOWN_TIME,
      },
    })
  }
  for (const job of device.duJobs ?? []) {
    if (job.state !== 'done') continue
    out.push({ job, request: { method: 'DUStateChangeComplete', results: job.results ?? [], commandKey: job.commandKey } })
  }
  return out
}

/** The ACS acknowledged a completion request: the transfer or job (and its events) is done. */
export function settleCompletion(device: SimDevice, c: CompletionRequest): void {
  if ('transfer' in c) {
    device.transfers = device.transfers?.filter((t) => t !== c.transfer)
    if (device.transfers?.length === 0) device.transfers = undefined
  } else {
    device.duJobs = device.duJobs?.filter((j) => j !== c.job)
    if (device.duJobs?.length === 0) device.duJobs = undefined
  }
}
