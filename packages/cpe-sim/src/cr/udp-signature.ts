import { createHmac, timingSafeEqual } from 'node:crypto'

/** The query fields of a TR-111 UDP connection request (§10.2). */
export interface UdpConnectionRequest {
  readonly ts: string
  readonly id: string
  readonly un: string
  readonly cn: string
  readonly sig: string
}

/** HMAC-SHA1(key = password, text = ts + id + un + cn) as 40 hex digits. */
export function udpSignature(password: string, ts: string, id: string, un: string, cn: string): string {
  return createHmac('sha1', password).update(ts + id + un + cn).digest('hex')
}

/**
 * Parses one datagram: an HTTP/1.1 GET request line whose URI carries ts, id, un, cn and sig.
 * Returns undefined for anything else.
 */
export function parseUdpConnectionRequest(datagram: string): UdpConnectionRequest | undefined {
  const line = datagram.split(/\r?\n/, 1)[0] ?? ''
  const m = /^GET\s+(\S+)\s+HTTP\/1\.[01]\s*$/.exec(line)
  if (!m) return undefined
  const uri = m[1] ?? ''
  const q = uri.indexOf('?')
  if (q < 0) return undefined
  const params = new URLSearchParams(uri.slice(q + 1))
  const ts = params.get('ts')
  const id = params.get('id')
  const un = params.get('un')
  const cn = params.get('cn')
  const sig = params.get('sig')
  if (ts === null || id === null || un === null || cn === null || sig === null) return undefined
  if (!/^\d{1,12}$/.test(ts) || !/^[0-9a-fA-F]{40}$/.test(sig)) return undefined
  return { ts, id, un, cn, sig }
}

/** Outcome of checking a UDP connection request against one device's credentials and replay state. */
export type UdpVerdict = { readonly ok: true; readonly ts: number; readonly id: string } | { readonly ok: false; readonly reason: 'username' | 'signature' | 'replay' | 'stale' }

/**
 * Accepts a request only if `un` is the device's ConnectionRequestUsername, `sig` verifies with
 * its ConnectionRequestPassword, `ts` is not older than the last accepted one and `id` differs
 * from the last accepted one (retransmissions of one request share their id, §10.2).
 */
export function verifyUdpConnectionRequest(
  req: UdpConnectionRequest,
  creds: { username: string; password: string },
  last: { ts: number; id: string } | undefined,
): UdpVerdict {
  if (req.un !== creds.username) return { ok: false, reason: 'username' }
  const expected = Buffer.from(udpSignature(creds.password, req.ts, req.id, req.un, req.cn))
  const given = Buffer.from(req.sig.toLowerCase())
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' }
  const ts = Number(req.ts)
  if (last && req.id === last.id) return { ok: false, reason: 'replay' }
  if (last && ts < last.ts) return { ok: false, reason: 'stale' }
  return { ok: true, ts, id: req.id }
}
