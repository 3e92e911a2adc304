import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A file server for Download / Upload tests: GET serves `files`, PUT stores into `uploads`; optional Basic auth. */
export interface FileServer {
  readonly url: string
  readonly files: Map<string, Buffer>
  readonly uploads: Map<string, Buffer>
  close(): Promise<void>
}

/** Starts a file server on 127.0.0.1. `truncate` paths announce a longer Content-Length than they send. */
export async function startFileServer(auth?: { username: string; password: string }, truncate: string[] = []): Promise<FileServer> {
  const files = new Map<string, Buffer>()
  const uploads = new Map<string, Buffer>()
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      if (auth) {
        const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`
        if (req.headers.authorization !== expected) {
          res.writeHead(401, { 'www-authenticate': 'Basic realm="files"', 'content-length': '0' }).end()
          return
        }
      }
      const path = req.url ?? '/'
      if (req.method === 'PUT') {
        uploads.set(path, Buffer.concat(chunks))
        res.writeHead(201, { 'content-length': '0' }).end()
        return
      }
      const file = files.get(path)
      if (!file) {
        res.writeHead(404, { 'content-length': '0' }).end()
        return
      }
      if (truncate.includes(path)) {
        res.writeHead(200, { 'content-length': String(file.length + 100) })
        res.write(file)
        setTimeout(() => res.destroy(), 50)
        return
      }
      res.writeHead(200, { 'content-length': String(file.length) }).end(file)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    files,
    uploads,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}
