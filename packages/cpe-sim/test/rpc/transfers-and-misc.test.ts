import type { Download, Fault, GetAllQueuedTransfersResponse } from '@acs/cwmp'
import { describe, expect, it } from 'vitest'
import { handleRpc } from '../../src/rpc/handle-rpc.js'
import { aDevice } from '../support/devices.js'

const NOW = Date.now()
const download = (url: string, commandKey = 'dl-1'): Download => ({
  method: 'Download',
  commandKey,
  fileType: '1 Firmware Upgrade Image',
  url,
  username: '',
  password: '',
  fileSize: 0,
  targetFileName: '',
  delaySeconds: 0,
  successUrl: '',
  failureUrl: '',
})

describe('transfer RPCs', () => {
  it('accepts a Download with Status 1 and lists it as not started', () => {
    const d = aDevice()
    expect(handleRpc(d, download('http://127.0.0.1:1/fw-1.2.3.bin'), NOW)).toMatchObject({ method: 'DownloadResponse', status: 1 })
    const q = handleRpc(d, { method: 'GetAllQueuedTransfers' }, NOW) as GetAllQueuedTransfersResponse
    expect(q.transferList).toEqual([{ commandKey: 'dl-1', state: 1, isDownload: true, fileType: '1 Firmware Upgrade Image', fileSize: 0, targetFileName: '' }])
  })

  it('faults 9013 for a protocol the device does not speak', () => {
    const r = handleRpc(aDevice(), download('ftp://127.0.0.1/fw.bin'), NOW) as Fault
    expect(r.detail.faultCode).toBe(9013)
  })

  it('cancels a transfer that has not started', () => {
    const d = aDevice()
    handleRpc(d, download('http://127.0.0.1:1/fw-1.2.3.bin'), NOW)
    expect(handleRpc(d, { method: 'CancelTransfer', commandKey: 'dl-1' }, NOW)).toEqual({ method: 'CancelTransferResponse' })
    expect(d.transfers ?? []).toHaveLength(0)
  })

  it('faults 9021 when the transfer is already running', () => {
    const d = aDevice()
    handleRpc(d, download('http://127.0.0.1:1/fw-1.2.3.bin'), NOW)
    const t = d.transfers?.[0]
    if (t) t.state = 2
    const r = handleRpc(d, { method: 'CancelTransfer', commandKey: 'dl-1' }, NOW) as Fault
    expect(r.detail.faultCode).toBe(9021)
  })

  it('faults 9003 for overlapping ScheduleDownload windows', () => {
    const w = (windowStart: number, windowEnd: number) => ({ windowStart, windowEnd, windowMode: '1 At Any Time', userMessage: '', maxRetries: 0 })
    const { method: _m, delaySeconds: _d, successUrl: _s, failureUrl: _f, ...rest } = download('http://127.0.0.1:1/fw-1.2.3.bin')
    const r = handleRpc(aDevice(), { ...rest, method: 'ScheduleDownload', timeWindowList: [w(0, 100), w(50, 200)] }, NOW) as Fault
    expect(r.detail.faultCode).toBe(9003)
  })
})

describe('other RPCs', () => {
  it('lists every implemented method in GetRPCMethods', () => {
    const r = handleRpc(aDevice(), { method: 'GetRPCMethods' }, NOW)
    expect(r).toMatchObject({ method: 'GetRPCMethodsResponse', methodList: expect.arrayContaining(['ChangeDUState', 'ScheduleDownload', 'Upload']) })
  })

  it('faults 9003 for ScheduleInform with DelaySeconds 0', () => {
    const r = handleRpc(aDevice(), { method: 'ScheduleInform', delaySeconds: 0, commandKey: 'si' }, NOW) as Fault
    expect(r.detail.faultCode).toBe(9003)
  })

  it('queues a reboot with its CommandKey for after the session', () => {
    const d = aDevice()
    handleRpc(d, { method: 'Reboot', commandKey: 'rb-9' }, NOW)
    expect(d.takeAfterSession()).toEqual([{ kind: 'reboot', commandKey: 'rb-9' }])
  })

  it('faults 9000 for a method a CPE does not implement', () => {
    const r = handleRpc(aDevice(), { method: 'Kicked', command: '', referer: '', arg: '', next: '' }, NOW) as Fault
    expect(r.detail.faultCode).toBe(9000)
  })
})
