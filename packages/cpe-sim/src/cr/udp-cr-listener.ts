import { createSocket } from 'node:dgram'
import type { ConnectionRequestTarget } from './connection-request-target.js'
import { parseUdpConnectionRequest, verifyUdpConnectionRequest } from './udp-signature.js'

/** A running UDP connection-request socket. */
export interface UdpCrListener {
  readonly port: number
  close(): Promise<void>
}

/**
 * One UDP socket for every simulated device (TR-111 / Annex G, §10.2): the device is found by
 * the `un` field, the request verified with its credentials and replay state; nothing is sent back.
 */
export async function startUdpCrListener(host: string, port: number, target: ConnectionRequestTarget): Promise<UdpCrListener> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4')
  socket.on('message', (msg) => {
    const req = parseUdpConnectionRequest(msg.toString('latin1'))
    if (!req) {
      target.rejected('udp malformed')
      return
    }
    const candidates = target.byConnectionRequestUsername(req.un)
    if (candidates.length === 0) {
      target.rejected('udp unknown username')
      return
    }
    let reason = 'udp signature'
    for (const device of candidates) {
      const creds = { username: device.managementServer('ConnectionRequestUsername'), password: device.managementServer('ConnectionRequestPassword') }
      const verdict = verifyUdpConnectionRequest(req, creds, device.udpLast)
      if (!verdict.ok) {
        if (verdict.reason === 'replay' || verdict.reason === 'stale') reason = `udp ${verdict.reason}`
        continue
      }
      device.udpLast = { ts: verdict.ts, id: verdict.id }
      target.wake(device, 'udp')
      return
    }
    target.rejected(reason)
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(port, host, () => {
      socket.off('error', reject)
      resolve()
    })
  })
  return {
    port: socket.address().port,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  }
}
