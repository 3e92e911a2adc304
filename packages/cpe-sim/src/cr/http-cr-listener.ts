import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DigestVerifier } from '../http/digest-server.js'
import type { ConnectionRequestTarget } from './connection-request-target.js'

/** A running connection-request listener. */
export interface CrListener {
  readonly port: number
  close(): Promise<void>
}

/** Path prefix of every device's ConnectionRequestURL on the shared listener. */
export const CR_PATH_PREFIX = '/cr/'

/**
 * One HTTP listener for every simulated device (§10.1): `GET /cr/<serial>` with Digest
 * authentication against that device's ConnectionRequestUsername/Password. 200 when the device
 * will open a session, 503 when it is already in one (a CPE does not queue connection requests).
 */
export async function startHttpCrListener(host: string, port: number, target: ConnectionRequestTarget): Promise<CrListener> {
  const digest = new DigestVerifier('cpe-sim')
  const server: Server = createServer((req, res) => {
    req.resume()
    const end = (status: number, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-length': '0', ...headers })
      res.end()
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      target.rejected('method')
      end(405, { allow: 'GET' })
      return
    }
    const path = (req.url ?? '').split('?', 1)[0] ?? ''
    const device = path.startsWith(CR_PATH_PREFIX) ? target.bySerial(decodeURIComponent(path.slice(CR_PATH_PREFIX.length))) : undefined
    if (!device) {
      target.rejected('unknown device')
      end(404)
      return
    }
    if (device.managementServer('HTTPConnectionRequestEnable') === 'false') {
      target.rejected('disabled')
      end(403)
      return
    }
    const creds = { username: device.managementServer('ConnectionRequestUsername'), password: device.managementServer('ConnectionRequestPassword') }
    const verdict = digest.verify(req.headers.authorization, req.method, (u) => (u === creds.username ? creds : undefined))
    if (verdict !== 'ok') {
      if (req.headers.authorization) target.rejected(verdict === 'stale' ? 'stale nonce' : 'credentials')
      end(401, { 'www-authenticate': digest.challenge(verdict === 'stale') })
      return
    }
    end(target.wake(device, 'http') === 'accepted' ? 200 : 503)
  })
  server.keepAliveTimeout = 5_000
  server.headersTimeout = 10_000
  server.requestTimeout = 10_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
