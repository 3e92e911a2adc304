import type { SimDevice } from '../device/sim-device.js'
import { isoSeconds, mix, hashString } from '../model/value-helpers.js'

/**
 * Writes plausible results of a finished diagnostic (§13) into `object` (a path ending in `.`,
 * e.g. `Device.IP.Diagnostics.IPPing.`) and sets its final DiagnosticsState. Results only go to
 * parameters the device's model has, so one routine serves TR-181 and TR-098. Hosts ending in
 * `.invalid` fail name resolution, like a real resolver.
 */
export function completeDiagnostics(device: SimDevice, object: string, now: number, runs: number): void {
  const get = (name: string): string => device.tree.get(`${object}${name}`, now, true)?.value ?? ''
  const set = (name: string, value: string | number): void => {
    if (device.tree.node(`${object}${name}`)?.kind === 'param') device.tree.set(`${object}${name}`, String(value))
  }
  const r = (salt: number, lo: number, hi: number): number => lo + (mix(device.facts.seed, hashString(object), salt + runs * 97) % (hi - lo + 1))
  const kind = object.replace(/\.$/, '').split('.').pop() ?? ''
  const host = get('Host') || get('HostName') || get('DownloadURL') || get('UploadURL') || get('HostList')
  const completeWord = device.profile.model.lookup(`${object}DiagnosticsState`)
  const complete = completeWord?.kind === 'parameter' && completeWord.enumeration?.includes('Complete') ? 'Complete' : 'Completed'
  const unresolvable = /\.invalid(?:[:/]|$)/i.test(host)

  if (host === '' || unresolvable) {
    const error = kind.includes('Download') || kind.includes('Upload') ? 'Error_InitConnectionFailed' : kind.includes('NSLookup') ? 'Error_DNSServerNotResolved' : 'Error_CannotResolveHostName'
    set('DiagnosticsState', error)
    return
  }
  set('IPAddressUsed', device.facts.wanIp)
  const reps = Math.max(1, Number(get('NumberOfRepetitions')) || 1)
  const rtt = [r(1, 4, 15), r(2, 16, 30), r(3, 31, 60)].sort((a, b) => a - b) as [number, number, number]

  if (kind === 'IPPing' || kind === 'IPPingDiagnostics' || kind === 'UDPEchoDiagnostics' || kind === 'ServerSelectionDiagnostics') {
    const failures = r(4, 0, 9) === 0 ? 1 : 0
    const micro = kind !== 'IPPing' && kind !== 'IPPingDiagnostics'
    const scale = micro ? 1000 : 1
    set('SuccessCount', reps - Math.min(failures, reps - 1))
    set('FailureCount', Math.min(failures, reps - 1))
    set('MinimumResponseTime', rtt[0] * scale)
    set('AverageResponseTime', rtt[1] * scale)
    set('MaximumResponseTime', rtt[2] * scale)
    set('MinimumResponseTimeDetailed', rtt[0] * 1000)
    set('AverageResponseTimeDetailed', rtt[1] * 1000)
    set('MaximumResponseTimeDetailed', rtt[2] * 1000)
    set('FastestHost', host.split(',')[0] ?? host)
  } else if (kind === 'TraceRoute' || kind === 'TraceRouteDiagnostics') {
    const table = `${object}RouteHops.`
    for (const n of device.tree.instancesOf(table)) device.tree.deleteInstance(`${table}${n}.`, true)
    const hops = r(5, 3, 8)
    for (let h = 1; h <= hops; h++) {
      const n = device.tree.addInstance(table, true)
      const hopIp = h === hops ? '192.0.2.1' : `100.64.${h}.1`
      const times = [r(10 + h, h * 2, h * 4), r(20 + h, h * 2, h * 4), r(30 + h, h * 2, h * 4)].join(',')
      for (const [k, v] of Object.entries({ Host: h === hops ? host : `hop${h}.isp.example`, HostAddress: hopIp, ErrorCode: '0', RTTimes: times, HopHost: h === hops ? host : `hop${h}.isp.example`, HopHostAddress: hopIp, HopErrorCode: '0', HopRTTimes: times })) {
        if (device.tree.node(`${table}${n}.${k}`)) device.tree.set(`${table}${n}.${k}`, v)
      }
    }
    set('ResponseTime', rtt[1])
  } else if (kind === 'DownloadDiagnostics' || kind === 'UploadDiagnostics') {
    const bytes = kind === 'UploadDiagnostics' ? Number(get('TestFileLength')) || 10_000_000 : r(6, 5, 50) * 1_000_000
    const ms = Math.max(50, Math.round(bytes / (r(7, 20, 300) * 125)))
    const begin = now - ms - 40
    const iso = (t: number): string => `${isoSeconds(t).replace('Z', '')}.${String(t % 1000).padStart(3, '0')}000Z`
    set('ROMTime', iso(begin))
    set('BOMTime', iso(begin + 20))
    set('EOMTime', iso(begin + 20 + ms))
    set('TCPOpenRequestTime', iso(begin - 10))
    set('TCPOpenResponseTime', iso(begin - 10 + rtt[0]))
    if (kind === 'DownloadDiagnostics') {
      set('TestBytesReceived', bytes)
      set('TotalBytesReceived', bytes + 4_000)
      set('TotalBytesSent', 2_000)
    } else {
      set('TestBytesSent', bytes)
      set('TotalBytesSent', bytes + 4_000)
      set('TotalBytesReceived', 2_000)
    }
  } else if (kind === 'NSLookupDiagnostics') {
    const table = `${object}Result.`
    for (const n of device.tree.instancesOf(table)) device.tree.deleteInstance(`${table}${n}.`, true)
    for (let i = 0; i < reps; i++) {
      const n = device.tree.addInstance(table, true)
      const values = { Status: 'Success', AnswerType: 'NonAuthoritative', HostNameReturned: host, IPAddresses: `192.0.2.${r(40 + i, 1, 254)}`, DNSServerIP: get('DNSServer') || '100.64.0.53', ResponseTime: String(r(50 + i, 2, 40)) }
      for (const [k, v] of Object.entries(values)) if (device.tree.node(`${table}${n}.${k}`)) device.tree.set(`${table}${n}.${k}`, v)
    }
    set('SuccessCount', reps)
  }
  set('DiagnosticsState', complete)
}
