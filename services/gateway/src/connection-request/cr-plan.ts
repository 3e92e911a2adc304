import { isIP } from 'node:net'

/** Where and how a device can be woken. */
export interface UdpTarget {
  host: string
  port: number
}

/** The transports to try, in order; empty = the device reported no usable address. */
export interface ConnectionRequestPlan {
  http?: URL
  udp?: UdpTarget
  order: ('http' | 'udp')[]
}

/** True for addresses a CPE behind NAT reports but the ACS normally cannot reach (RFC 1918, CGNAT, link-local, ULA). */
export function isPrivateAddress(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (isIP(h) === 4) {
    const [a, b] = h.split('.').map(Number) as [number, number]
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254)
  }
  if (isIP(h) === 6) return /^f[cd]/.test(h) || /^fe[89ab]/.test(h)
  return false
}

/** Parses `ManagementServer.UDPConnectionRequestAddress` (`host[:port]`, IPv6 in brackets; no port = 80, §10.2). */
export function parseUdpAddress(value: string): UdpTarget | null {
  const v = value.trim()
  const m = /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/.exec(v) ?? /^([^:\s[\]]+)(?::(\d{1,5}))?$/.exec(v)
  if (!m?.[1]) return null
  const port = m[2] === undefined ? 80 : Number(m[2])
  return port >= 1 && port <= 65535 ? { host: m[1], port } : null
}

/** Parses a ConnectionRequestURL; only http(s) URLs with a host are used. */
export function parseConnectionRequestUrl(value: string | undefined): URL | null {
  if (!value) return null
  try {
    const url = new URL(value.trim())
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url : null
  } catch {
    return null
  }
}

/**
 * Chooses the transport (§10.1, §10.2; decided for this project):
 * - a ConnectionRequestURL on a reachable (non-private) host: HTTP first, then UDP if HTTP cannot
 *   connect and the device reported a UDP address;
 * - a private URL (CPE behind NAT) and a UDP address: UDP only (HTTP would just time out);
 * - a private URL and no UDP address: HTTP anyway (the ACS may share the private network).
 */
export function planConnectionRequest(device: { connectionRequestUrl?: string; udpConnectionRequestAddress?: string }): ConnectionRequestPlan {
  const http = parseConnectionRequestUrl(device.connectionRequestUrl)
  const udp = device.udpConnectionRequestAddress ? parseUdpAddress(device.udpConnectionRequestAddress) : null
  const plan: ConnectionRequestPlan = { order: [] }
  if (http) plan.http = http
  if (udp) plan.udp = udp
  if (http && !isPrivateAddress(http.hostname)) plan.order = udp ? ['http', 'udp'] : ['http']
  else if (udp) plan.order = ['udp']
  else if (http) plan.order = ['http']
  return plan
}
