import { createHmac, randomBytes } from 'node:crypto'
import { createSocket } from 'node:dgram'
import { isIP } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import type { UdpTarget } from './cr-plan.js'

/** The query fields of a TR-111 UDP connection request. */
export interface UdpRequestFields {
  ts: number
  id: number
  username: string
  cnonce: string
}

/** HMAC-SHA1(key = password, ts + id + un + cn) as 40 hex digits (§10.2; computed over unencoded values). */
export function udpSignature(fields: UdpRequestFields, password: string): string {
  return createHmac('sha1', password).update(`${fields.ts}${fields.id}${fields.username}${fields.cnonce}`).digest('hex')
}

/** The datagram: an HTTP/1.1 GET request line and Host header (Annex G). */
export function buildUdpConnectionRequest(target: UdpTarget, fields: UdpRequestFields, password: string): string {
  const host = isIP(target.host) === 6 ? `[${target.host}]` : target.host
  const authority = `${host}:${target.port}`
  const query = `ts=${fields.ts}&id=${fields.id}&un=${encodeURIComponent(fields.username)}&cn=${encodeURIComponent(fields.cnonce)}&sig=${udpSignature(fields, password)}`
  return `GET http://${authority}?${query} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`
}

/**
 * Sends the same datagram `repeats` times `gapMs` apart (UDP is lossy; the CPE ignores repeats of
 * an id it accepted). No answer exists: success shows as the device's next Inform.
 */
export async function sendUdpConnectionRequest(
  target: UdpTarget,
  credentials: { username: string; password: string },
  options: { repeats?: number; gapMs?: number; now?: () => Date; signal?: AbortSignal } = {},
): Promise<void> {
  const now = options.now?.() ?? new Date()
  const fields: UdpRequestFields = {
    ts: Math.floor(now.getTime() / 1000),
    id: randomBytes(4).readUInt32BE(0),
    username: credentials.username,
    cnonce: randomBytes(8).toString('hex'),
  }
  const message = Buffer.from(buildUdpConnectionRequest(target, fields, credentials.password))
  const socket = createSocket(isIP(target.host) === 6 ? 'udp6' : 'udp4')
  try {
    const repeats = options.repeats ?? 3
    for (let i = 0; i < repeats; i++) {
      if (i > 0) await sleep(options.gapMs ?? 250, undefined, { signal: options.signal })
      await new Promise<void>((resolve, reject) => socket.send(message, target.port, target.host, (err) => (err ? reject(err) : resolve())))
    }
  } finally {
    socket.close()
  }
}
