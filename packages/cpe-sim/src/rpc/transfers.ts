import type {
  AllQueuedTransfer,
  CancelTransfer,
  CancelTransferResponse,
  Download,
  DownloadResponse,
  Fault,
  GetAllQueuedTransfersResponse,
  GetQueuedTransfersResponse,
  ScheduleDownload,
  ScheduleDownloadResponse,
  Upload,
  UploadResponse,
} from '@acs/cwmp'
import type { SimDevice } from '../device/sim-device.js'
import type { Transfer } from '../device/transfer-types.js'
import { UNKNOWN_TIME } from '../model/value-helpers.js'
import { cpeFault } from './cpe-fault.js'

/** CPEs report at most 16 queued transfers (§6.13); more are refused with 9004. */
const MAX_QUEUED = 16
const DOWNLOAD_TYPE = /^(?:[1-6] [A-Za-z ]+|X [0-9A-F]{6} .+)$/
const UPLOAD_TYPE = /^(?:[1-4] Vendor (?:Configuration|Log) File(?: [1-9]\d*)?|X [0-9A-F]{6} .+)$/

function checkUrl(url: string): Fault | undefined {
  if (url.length === 0 || url.length > 256) return cpeFault(9003, 'URL must be 1-256 characters')
  if (!/^https?:\/\//i.test(url)) return cpeFault(9013, `unsupported protocol in ${url.slice(0, 40)}`)
  try {
    new URL(url)
  } catch {
    return cpeFault(9003, 'URL is not a URL')
  }
  return undefined
}

function accept(device: SimDevice, t: Transfer): Fault | undefined {
  const list = (device.transfers ??= [])
  if (list.length >= MAX_QUEUED) return cpeFault(9004, 'transfer queue full')
  list.push(t)
  device.after({ kind: 'transfer', transfer: t })
  return undefined
}

/** Download (§6.10): accepted with Status 1; the transfer runs after the session, its result comes in TransferComplete. */
export function download(device: SimDevice, req: Download, now: number): DownloadResponse | Fault {
  if (!DOWNLOAD_TYPE.test(req.fileType)) return cpeFault(9003, `unknown FileType ${req.fileType}`)
  const bad = checkUrl(req.url)
  if (bad) return bad
  const fault = accept(device, { method: 'Download', ...common(req), delaySeconds: req.delaySeconds, acceptedAt: now, state: 1 })
  if (fault) return fault
  return { method: 'DownloadResponse', status: 1, startTime: UNKNOWN_TIME, completeTime: UNKNOWN_TIME }
}

/** Upload (§6.11): HTTP PUT of a configuration or log file after the session. */
export function upload(device: SimDevice, req: Upload, now: number): UploadResponse | Fault {
  if (!UPLOAD_TYPE.test(req.fileType)) return cpeFault(9003, `unknown FileType ${req.fileType}`)
  const bad = checkUrl(req.url)
  if (bad) return bad
  const fault = accept(device, {
    method: 'Upload',
    commandKey: req.commandKey,
    fileType: req.fileType,
    url: req.url,
    username: req.username,
    password: req.password,
    fileSize: 0,
    targetFileName: '',
    delaySeconds: req.delaySeconds,
    acceptedAt: now,
    state: 1,
  })
  if (fault) return fault
  return { method: 'UploadResponse', status: 1, startTime: UNKNOWN_TIME, completeTime: UNKNOWN_TIME }
}

/** ScheduleDownload (§6.18): 1-2 non-overlapping time windows, else 9003. */
export function scheduleDownload(device: SimDevice, req: ScheduleDownload, now: number): ScheduleDownloadResponse | Fault {
  if (!DOWNLOAD_TYPE.test(req.fileType)) return cpeFault(9003, `unknown FileType ${req.fileType}`)
  const bad = checkUrl(req.url)
  if (bad) return bad
  const w = req.timeWindowList
  if (w.length < 1 || w.length > 2) return cpeFault(9003, 'TimeWindowList needs 1 or 2 windows')
  for (const win of w) if (win.windowEnd < win.windowStart) return cpeFault(9003, 'WindowEnd before WindowStart')
  if (w.length === 2 && (w[1]?.windowStart ?? 0) < (w[0]?.windowEnd ?? 0)) return cpeFault(9003, 'time windows overlap')
  const fault = accept(device, { method: 'ScheduleDownload', ...common(req), delaySeconds: 0, timeWindows: w, acceptedAt: now, state: 1 })
  return fault ?? { method: 'ScheduleDownloadResponse' }
}

/** CancelTransfer (§6.19): only transfers not started yet can be canceled (9021 otherwise). */
export function cancelTransfer(device: SimDevice, req: CancelTransfer): CancelTransferResponse | Fault {
  const matching = (device.transfers ?? []).filter((t) => t.commandKey === req.commandKey)
  if (matching.length === 0) return cpeFault(9003, `no transfer with CommandKey ${req.commandKey}`)
  if (matching.some((t) => t.state !== 1)) return cpeFault(9021)
  device.transfers = (device.transfers ?? []).filter((t) => !matching.includes(t))
  return { method: 'CancelTransferResponse' }
}

/** GetQueuedTransfers (§6.13). */
export function getQueuedTransfers(device: SimDevice): GetQueuedTransfersResponse {
  return {
    method: 'GetQueuedTransfersResponse',
    transferList: (device.transfers ?? []).map((t) => ({ commandKey: t.commandKey, state: t.state })),
  }
}

/** GetAllQueuedTransfers (§6.14). */
export function getAllQueuedTransfers(device: SimDevice): GetAllQueuedTransfersResponse {
  const list: AllQueuedTransfer[] = (device.transfers ?? []).map((t) => ({
    commandKey: t.commandKey,
    state: t.state,
    isDownload: t.method !== 'Upload',
    fileType: t.fileType,
    fileSize: t.fileSize,
    targetFileName: t.targetFileName,
  }))
  return { method: 'GetAllQueuedTransfersResponse', transferList: list }
}

function common(req: Download | ScheduleDownload) {
  return {
    commandKey: req.commandKey,
    fileType: req.fileType,
    url: req.url,
    username: req.username,
    password: req.password,
    fileSize: req.fileSize,
    targetFileName: req.targetFileName,
  }
}
