import { createHash } from 'node:crypto'
import type { DuOperation, InstallOperation, OpResult, UninstallOperation, UpdateOperation } from '@acs/cwmp'
import type { SimDevice } from '../device/sim-device.js'
import type { DuJob } from '../device/transfer-types.js'
import { UNKNOWN_TIME, isoSeconds } from '../model/value-helpers.js'
import { TransferFault, type FileClient } from './file-client.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Transfer faults a DU result may carry (§8.2); others are reported as 9017. */
const DU_TRANSFER_FAULTS = new Set([9012, 9013, 9015, 9016, 9017, 9018])

/** Fails one DU operation with a CWMP fault code. */
class DuFault extends Error {
  constructor(
    readonly faultCode: number,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Executes a ChangeDUState job (§6.20, §12) on the device's SoftwareModules tree: install creates
 * a DeploymentUnit and its ExecutionUnit, update changes the version, uninstall removes both.
 * Results come in request order; a failed operation carries 9003, 9012-9018 or 9022-9032.
 */
export async function executeDuJob(device: SimDevice, job: DuJob, files: FileClient, now: () => number): Promise<void> {
  job.state = 'running'
  const results: OpResult[] = []
  for (const op of job.operations) {
    const start = isoSeconds(now())
    try {
      const r = op.type === 'Install' ? await install(device, op, files, now) : op.type === 'Update' ? await update(device, op, files, now) : uninstall(device, op, now)
      results.push({ ...r, startTime: start, completeTime: isoSeconds(now()), fault: { faultCode: 0, faultString: '' } })
    } catch (err) {
      const code = err instanceof DuFault ? err.faultCode : err instanceof TransferFault ? (DU_TRANSFER_FAULTS.has(err.faultCode) ? err.faultCode : 9017) : 9002
      results.push(failed(device, op, start, isoSeconds(now()), code, (err as Error).message))
    }
  }
  job.results = results
  job.state = 'done'
}

type Outcome = Omit<OpResult, 'startTime' | 'completeTime' | 'fault'>

async function install(device: SimDevice, op: InstallOperation, files: FileClient, now: () => number): Promise<Outcome> {
  if (!op.url) throw new DuFault(9003, 'Install needs a URL')
  if (op.uuid !== undefined && op.uuid !== '' && !UUID.test(op.uuid)) throw new DuFault(9022, `invalid UUID ${op.uuid}`)
  const sm = `${device.root}.SoftwareModules.`
  const ee = (op.executionEnvRef ?? '').replace(/\.$/, '') || `${sm}ExecEnv.1`
  const eeNode = device.tree.node(`${ee}.`)
  if (eeNode?.kind !== 'object' || eeNode.objectKind !== 'instance' || !ee.startsWith(`${sm}ExecEnv.`)) throw new DuFault(9023, `unknown execution environment ${ee}`)
  if (device.tree.get(`${ee}.Enable`, now())?.value === 'false') throw new DuFault(9024, `${ee} is disabled`)
  const file = await files.download(op.url, op.username ?? '', op.password ?? '', 0)
  const { name, version } = packageInfo(file.head, op.url)
  const uuid = (op.uuid || deterministicUuid(`${device.facts.serial}/${name}`)).toLowerCase()
  if (findDus(device, uuid).some((n) => device.tree.get(`${sm}DeploymentUnit.${n}.Version`, now())?.value === version)) {
    throw new DuFault(9026, `${uuid} ${version} is already installed`)
  }
  const du = device.tree.addInstance(`${sm}DeploymentUnit.`, true)
  const eu = device.tree.addInstance(`${sm}ExecutionUnit.`, true)
  const duPath = `${sm}DeploymentUnit.${du}`
  const euPath = `${sm}ExecutionUnit.${eu}`
  const set = (path: string, value: string): void => {
    if (device.tree.node(path)) device.tree.set(path, value)
  }
  for (const [k, v] of Object.entries({ UUID: uuid, DUID: `du-${du}`, Name: name, Status: 'Installed', Resolved: 'true', URL: op.url, Vendor: 'SimCo', Version: version, ExecutionUnitList: euPath, ExecutionEnvRef: ee, Installed: isoSeconds(now()) })) {
    set(`${duPath}.${k}`, v)
  }
  for (const [k, v] of Object.entries({ EUID: `eu-${eu}`, Name: name, ExecEnvLabel: name, Status: 'Idle', RequestedState: 'Idle', ExecutionFaultCode: 'NoFault', Vendor: 'SimCo', Version: version, ExecutionEnvRef: ee, AutoStart: 'false' })) {
    set(`${euPath}.${k}`, v)
  }
  return { uuid, deploymentUnitRef: duPath, version, currentState: 'Installed', resolved: true, executionUnitRefList: euPath }
}

async function update(device: SimDevice, op: UpdateOperation, files: FileClient, now: () => number): Promise<Outcome> {
  const sm = `${device.root}.SoftwareModules.`
  if (op.uuid && !UUID.test(op.uuid)) throw new DuFault(9022, `invalid UUID ${op.uuid}`)
  const val = (n: number, k: string): string => device.tree.get(`${sm}DeploymentUnit.${n}.${k}`, now())?.value ?? ''
  let candidates = op.uuid ? findDus(device, op.uuid) : device.tree.instancesOf(`${sm}DeploymentUnit.`)
  if (!op.uuid && op.url) candidates = candidates.filter((n) => val(n, 'URL') === op.url)
  if (op.version) candidates = candidates.filter((n) => val(n, 'Version') === op.version)
  if (candidates.length === 0) throw new DuFault(9028, 'no such deployment unit')
  if (op.uuid && !op.version && candidates.length > 1) throw new DuFault(9031, 'several versions installed; Version is required')
  const n = candidates[0] as number
  const url = op.url || val(n, 'URL')
  const file = await files.download(url, op.username ?? '', op.password ?? '', 0)
  const { version } = packageInfo(file.head, url)
  const current = val(n, 'Version')
  if (version === current) throw new DuFault(9032, `version ${version} already installed`)
  if (compareVersions(version, current) < 0) throw new DuFault(9030, `${version} is older than ${current}`)
  const duPath = `${sm}DeploymentUnit.${n}`
  device.tree.set(`${duPath}.Version`, version)
  device.tree.set(`${duPath}.URL`, url)
  if (device.tree.node(`${duPath}.LastUpdate`)) device.tree.set(`${duPath}.LastUpdate`, isoSeconds(now()))
  const eus = val(n, 'ExecutionUnitList')
  for (const eu of eus.split(',').filter(Boolean)) if (device.tree.node(`${eu}.Version`)) device.tree.set(`${eu}.Version`, version)
  return { uuid: val(n, 'UUID'), deploymentUnitRef: duPath, version, currentState: 'Installed', resolved: true, executionUnitRefList: eus }
}

function uninstall(device: SimDevice, op: UninstallOperation, now: () => number): Outcome {
  if (!UUID.test(op.uuid)) throw new DuFault(9022, `invalid UUID ${op.uuid}`)
  const sm = `${device.root}.SoftwareModules.`
  const val = (n: number, k: string): string => device.tree.get(`${sm}DeploymentUnit.${n}.${k}`, now())?.value ?? ''
  let candidates = findDus(device, op.uuid)
  if (op.version) candidates = candidates.filter((n) => val(n, 'Version') === op.version)
  if (op.executionEnvRef) candidates = candidates.filter((n) => val(n, 'ExecutionEnvRef') === op.executionEnvRef?.replace(/\.$/, ''))
  if (candidates.length === 0) throw new DuFault(9028, `unknown deployment unit ${op.uuid}`)
  const removed: string[] = []
  let version = ''
  let ref = ''
  for (const n of candidates) {
    version = val(n, 'Version')
    ref = `${sm}DeploymentUnit.${n}`
    const eus = val(n, 'ExecutionUnitList').split(',').filter(Boolean)
    for (const eu of eus) {
      if (device.tree.node(`${eu}.`)) device.tree.deleteInstance(`${eu}.`, true)
      removed.push(eu)
    }
    device.tree.deleteInstance(`${ref}.`, true)
  }
  return { uuid: op.uuid.toLowerCase(), deploymentUnitRef: ref, version, currentState: 'Uninstalled', resolved: false, executionUnitRefList: removed.join(',') }
}

function failed(device: SimDevice, op: DuOperation, start: string, end: string, faultCode: number, message: string): OpResult {
  const installed = op.type !== 'Install' && op.uuid !== undefined && findDus(device, op.uuid).length > 0
  return {
    uuid: op.uuid ?? '',
    deploymentUnitRef: '',
    version: '',
    currentState: op.type === 'Install' || !installed ? 'Failed' : 'Installed',
    resolved: false,
    executionUnitRefList: '',
    startTime: start || UNKNOWN_TIME,
    completeTime: end,
    fault: { faultCode, faultString: message.slice(0, 256) },
  }
}

function findDus(device: SimDevice, uuid: string): number[] {
  const table = `${device.root}.SoftwareModules.DeploymentUnit.`
  const want = uuid.toLowerCase()
  return device.tree.instancesOf(table).filter((n) => device.tree.get(`${table}${n}.UUID`, 0)?.value.toLowerCase() === want)
}

/** Name and version of a package: `name=`/`version=` lines, else from the file name (`speedtest-1.2.ipk`). */
export function packageInfo(head: string, url: string): { name: string; version: string } {
  const file = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? 'package').replace(/\.(ipk|tar|gz|tgz|zip|bin|deb|rpm)$/gi, '')
  const nameLine = /^\s*name\s*=\s*(\S{1,64})/im.exec(head.slice(0, 1024))?.[1]
  const versionLine = /^\s*version\s*=\s*(\S{1,32})/im.exec(head.slice(0, 1024))?.[1]
  const m = /^(.*?)[-_](\d+(?:\.\d+)*)$/.exec(file)
  return { name: nameLine ?? m?.[1] ?? file, version: versionLine ?? m?.[2] ?? '1.0' }
}

/** Compares dotted versions numerically (1.10 > 1.9). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[^0-9]+/).filter(Boolean).map(Number)
  const pb = b.split(/[^0-9]+/).filter(Boolean).map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

function deterministicUuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`
}
