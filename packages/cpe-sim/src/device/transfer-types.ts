import type { DuOperation, FaultStruct, OpResult, TimeWindow } from '@acs/cwmp'

/** A Download, ScheduleDownload or Upload the device accepted, until its TransferComplete is acknowledged. */
export interface Transfer {
  readonly method: 'Download' | 'ScheduleDownload' | 'Upload'
  readonly commandKey: string
  readonly fileType: string
  readonly url: string
  readonly username: string
  readonly password: string
  readonly fileSize: number
  readonly targetFileName: string
  /** Seconds after the session before starting (Download/Upload). */
  readonly delaySeconds: number
  readonly timeWindows?: readonly TimeWindow[]
  /** When the RPC was accepted (ms). */
  readonly acceptedAt: number
  /** 1 not yet started, 2 in progress, 3 completed (TransferComplete not yet acknowledged). */
  state: 1 | 2 | 3
  startTime?: string
  completeTime?: string
  fault?: FaultStruct
}

/** One ChangeDUState, until its DUStateChangeComplete is acknowledged. */
export interface DuJob {
  readonly commandKey: string
  readonly operations: readonly DuOperation[]
  state: 'pending' | 'running' | 'done'
  results?: OpResult[]
}
