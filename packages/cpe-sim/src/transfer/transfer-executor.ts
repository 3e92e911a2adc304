import type { SimDevice } from '../device/sim-device.js'
import type { Transfer } from '../device/transfer-types.js'
import { isoSeconds } from '../model/value-helpers.js'
import { TransferFault, firmwareVersionOf, type FileClient } from './file-client.js'

/** What the device must do once a transfer finished. */
export interface TransferOutcome {
  /** A firmware image was installed: reboot into this version. */
  readonly rebootInto?: string
}

/**
 * Performs a Download, ScheduleDownload or Upload (§6.10, §6.11, §9): fetches or PUTs the file,
 * then records state 3 with the fault (0 on success) for the TransferComplete. A firmware image
 * (`1 Firmware Upgrade Image`) must carry a version (first line `version=X`, else the file name);
 * `6 Stored Firmware Image` goes to the second firmware bank without activation (TR-181).
 */
export async function runTransfer(device: SimDevice, t: Transfer, files: FileClient, now: () => number): Promise<TransferOutcome> {
  t.state = 2
  t.startTime = isoSeconds(now())
  let outcome: TransferOutcome = {}
  try {
    if (t.method === 'Upload') {
      await files.upload(t.url, t.username, t.password, uploadContent(device, t, now()))
    } else {
      const file = await files.download(t.url, t.username, t.password, t.fileSize)
      outcome = install(device, t, firmwareVersionOf(file.head, t.url), now())
    }
    t.fault = { faultCode: 0, faultString: '' }
  } catch (err) {
    const code = err instanceof TransferFault ? err.faultCode : t.method === 'Upload' ? 9011 : 9010
    t.fault = { faultCode: code, faultString: (err as Error).message.slice(0, 256) }
  }
  t.completeTime = isoSeconds(now())
  t.state = 3
  return outcome
}

function install(device: SimDevice, t: Transfer, version: string | undefined, now: number): TransferOutcome {
  if (t.fileType.startsWith('1 ')) {
    if (!version) throw new TransferFault(9018, 'image carries no version')
    return { rebootInto: version }
  }
  if (t.fileType.startsWith('6 ')) {
    if (!version) throw new TransferFault(9018, 'image carries no version')
    const bank = `${device.root}.DeviceInfo.FirmwareImage.2.`
    if (device.tree.node(bank)) {
      device.tree.set(`${bank}Version`, version)
      device.tree.set(`${bank}Status`, 'Available')
      device.tree.set(`${bank}Name`, t.targetFileName || `bank2-${version}`)
    }
    return {}
  }
  if (t.fileType.startsWith('3 ')) {
    const cfg = `${device.root}.DeviceInfo.VendorConfigFile.1.`
    if (device.tree.node(`${cfg}Date`)) device.tree.set(`${cfg}Date`, new Date(now).toISOString().replace(/\.\d+Z$/, 'Z'))
  }
  return {}
}

function uploadContent(device: SimDevice, t: Transfer, now: number): Buffer {
  if (/Log File/.test(t.fileType)) {
    const lines = [`${isoSeconds(now)} ${device.facts.serial} cwmp: session ok`, `${isoSeconds(now)} ${device.facts.serial} kernel: uptime ok`]
    return Buffer.from(`${lines.join('\n')}\n`)
  }
  const params = ['DeviceInfo.SoftwareVersion', 'ManagementServer.PeriodicInformInterval', 'ManagementServer.ParameterKey']
  const body = params.map((p) => `${device.root}.${p}=${device.tree.get(`${device.root}.${p}`, now)?.value ?? ''}`).join('\n')
  return Buffer.from(`# ${device.deviceId} configuration\n${body}\n`)
}
