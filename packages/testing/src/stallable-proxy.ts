import { createServer, connect, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

/** A loopback TCP proxy in front of a real server, whose traffic a test can hold. */
export interface StallableProxy {
  /** The proxy's port on 127.0.0.1. */
  port: number
  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string
  /**
   * From now on nothing is forwarded either way, on open connections and new ones (accepted, never
   * connected upstream), as when the server hangs or the link dies without a reset. Permanent: the
   * protocol state is lost. The server behind may still close an open connection it finds idle
   * (NATS after its ping interval), which the proxy passes on as a close.
   */
  stall(): void
  /** Closes every open connection, as a server restart would; new ones are forwarded as before. */
  reset(): void
  /** Closes the proxy and every connection through it. */
  close(): Promise<void>
}

/** Starts a proxy to the server of `url` (any scheme with a single host:port, e.g. nats:// or mongodb://). */
export async function stallableProxy(url: string): Promise<StallableProxy> {
  const target = new URL(url)
  const port = Number(target.port)
  if (!target.hostname || !port) throw new Error(`stallableProxy needs one host:port in the URL, got ${url}`)
  const host = target.hostname.replace(/^\[|\]$/g, '')
  const sockets = new Set<Socket>()
  let stalled = false
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }
  const server = createServer((client) => {
    track(client)
    // Once stalled, a new connection reaches nothing: accepted, never answered.
    if (stalled) return
    const upstream = connect(port, host)
    track(upstream)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const proxyPort = (server.address() as AddressInfo).port
  return {
    port: proxyPort,
    urlFor(original) {
      const u = new URL(original)
      u.hostname = '127.0.0.1'
      u.port = String(proxyPort)
      return u.toString()
    },
    stall() {
      stalled = true
      for (const s of sockets) {
        // Unpiped and paused: what arrives stays in the kernel's buffers.
        s.unpipe()
        s.pause()
      }
    },
    reset() {
      for (const s of sockets) s.destroy()
    },
    async close() {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
