import { connect, type Socket } from 'node:net'
import type { HttpReply } from './exchange.js'

const CRLFCRLF = Buffer.from('\r\n\r\n')
const EMPTY = Buffer.alloc(0)

interface Pending {
  resolve: (r: HttpReply) => void
  reject: (e: Error) => void
  deadline: number
  headRequest: boolean
}

// One sweeper for every connection instead of a timer per request (cheaper at 20k requests/s).
const active = new Set<RawHttpConnection>()
let sweeper: NodeJS.Timeout | undefined
function watch(conn: RawHttpConnection): void {
  active.add(conn)
  sweeper ??= setInterval(() => {
    const now = Date.now()
    for (const c of active) c.expire(now)
    if (active.size === 0 && sweeper) {
      clearInterval(sweeper)
      sweeper = undefined
    }
  }, 250).unref()
}

/**
 * A minimal HTTP/1.1 client connection for plain-http load: one request at a time, each written
 * with a single socket write, the response parsed by hand (Content-Length, chunked, or
 * close-delimited). It exists because the load driver must outrun the ACS it measures; the
 * simulator itself uses undici.
 */
export class RawHttpConnection {
  private socket: Socket | undefined
  private connecting: Promise<Socket> | undefined
  private buf: Buffer = EMPTY
  private pending: Pending | undefined
  private status = 0
  private headers: Record<string, string | string[] | undefined> = {}
  private bodyStart = -1
  private contentLength = -1
  private chunked = false
  private closeDelimited = false
  private closeAfter = false

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly hostHeader: string,
  ) {}

  /** Sends one request and resolves with the buffered response. */
  request(method: string, path: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<HttpReply> {
    if (this.pending) return Promise.reject(new Error('RawHttpConnection: one request at a time'))
    const socket = this.socket
    if (!socket) return this.open().then(() => this.request(method, path, headers, body, timeoutMs))
    let head = `${method} ${path} HTTP/1.1\r\nhost: ${this.hostHeader}\r\n`
    for (const k in headers) head += `${k}: ${headers[k]}\r\n`
    head += `content-length: ${Buffer.byteLength(body)}\r\n\r\n`
    return new Promise<HttpReply>((resolve, reject) => {
      this.pending = { resolve, reject, deadline: timeoutMs > 0 ? Date.now() + timeoutMs : Infinity, headRequest: method === 'HEAD' }
      watch(this)
      this.resetParse()
      socket.write(head + body)
    })
  }

  /** Sends a complete, pre-encoded request (request line, headers and body). */
  requestBytes(bytes: Buffer, timeoutMs: number): Promise<HttpReply> {
    if (this.pending) return Promise.reject(new Error('RawHttpConnection: one request at a time'))
    const socket = this.socket
    if (!socket) return this.open().then(() => this.requestBytes(bytes, timeoutMs))
    return new Promise<HttpReply>((resolve, reject) => {
      this.pending = { resolve, reject, deadline: timeoutMs > 0 ? Date.now() + timeoutMs : Infinity, headRequest: false }
      watch(this)
      this.resetParse()
      socket.write(bytes)
    })
  }

  /** Fails the pending request if its deadline passed (called by the shared sweeper). */
  expire(now: number): void {
    if (!this.pending) {
      active.delete(this)
      return
    }
    if (now >= this.pending.deadline) this.fail(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' }))
  }

  /** Closes the connection; a pending request fails. */
  close(): void {
    this.fail(new Error('connection closed'))
  }

  private open(): Promise<Socket> {
    this.connecting ??= new Promise<Socket>((resolve, reject) => {
      const s = connect({ host: this.host, port: this.port, noDelay: true })
      const onError = (err: Error): void => {
        this.connecting = undefined
        reject(err)
      }
      s.once('error', onError)
      s.once('connect', () => {
        s.off('error', onError)
        s.on('error', (err) => this.fail(err))
        s.on('close', () => this.onClose(s))
        s.on('data', (chunk: Buffer) => this.onData(chunk))
        this.socket = s
        this.connecting = undefined
        resolve(s)
      })
    })
    return this.connecting
  }

  private resetParse(): void {
    this.buf = EMPTY
    this.status = 0
    this.bodyStart = -1
    this.contentLength = -1
    this.chunked = false
    this.closeDelimited = false
    this.closeAfter = false
  }

  private onData(chunk: Buffer): void {
    if (!this.pending) return
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk])
    if (this.bodyStart < 0 && !this.parseHead()) return
    this.tryComplete()
  }

  private parseHead(): boolean {
    const end = this.buf.indexOf(CRLFCRLF)
    if (end < 0) {
      if (this.buf.length > 64 * 1024) this.fail(new Error('response head too large'))
      return false
    }
    const text = this.buf.toString('latin1', 0, end)
    const lineEnd = text.indexOf('\r\n')
    const statusLine = lineEnd < 0 ? text : text.slice(0, lineEnd)
    const status = Number(statusLine.slice(9, 12))
    if (!statusLine.startsWith('HTTP/1.') || (statusLine[12] !== undefined && statusLine[12] !== ' ') || !(status >= 100 && status <= 999)) {
      this.fail(new Error('malformed status line'))
      return false
    }
    this.status = status
    const headers: Record<string, string | string[] | undefined> = {}
    let pos = lineEnd < 0 ? text.length : lineEnd + 2
    while (pos < text.length) {
      let next = text.indexOf('\r\n', pos)
      if (next < 0) next = text.length
      const colon = text.indexOf(':', pos)
      if (colon > pos && colon < next) {
        const name = text.slice(pos, colon).trim().toLowerCase()
        const value = text.slice(colon + 1, next).trim()
        const prev = headers[name]
        headers[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value]
      }
      pos = next + 2
    }
    this.headers = headers
    this.bodyStart = end + 4
    const te = headers['transfer-encoding']
    const cl = headers['content-length']
    const conn = headers.connection
    this.closeAfter = typeof conn === 'string' && conn.toLowerCase() === 'close'
    if (this.pending?.headRequest || this.status === 204 || this.status === 304 || this.status < 200) this.contentLength = 0
    else if (typeof te === 'string' && te.toLowerCase().includes('chunked')) this.chunked = true
    else if (typeof cl === 'string') this.contentLength = Number(cl)
    else this.closeDelimited = true
    return true
  }

  private tryComplete(): void {
    if (this.closeDelimited) return
    if (this.chunked) {
      let body: Buffer | undefined
      try {
        body = decodeChunked(this.buf, this.bodyStart)
      } catch (err) {
        this.fail(err as Error)
        return
      }
      if (body !== undefined) this.finish(body.toString('utf8'))
      return
    }
    if (this.buf.length - this.bodyStart < this.contentLength) return
    this.finish(this.buf.toString('utf8', this.bodyStart, this.bodyStart + this.contentLength))
  }

  private finish(body: string): void {
    const p = this.pending
    if (!p) return
    this.pending = undefined
    const reply: HttpReply = { status: this.status, headers: this.headers, body }
    if (this.closeAfter) this.dropSocket()
    this.buf = EMPTY
    p.resolve(reply)
  }

  private onClose(s: Socket): void {
    if (this.socket !== s) return
    this.socket = undefined
    if (this.pending && this.closeDelimited && this.bodyStart >= 0) {
      this.finish(this.buf.toString('utf8', this.bodyStart))
      return
    }
    this.fail(Object.assign(new Error('socket closed'), { code: 'ECONNRESET' }))
  }

  private fail(err: Error): void {
    this.dropSocket()
    const p = this.pending
    if (!p) return
    this.pending = undefined
    p.reject(err)
  }

  private dropSocket(): void {
    const s = this.socket
    this.socket = undefined
    s?.destroy()
  }
}

/** Decodes a complete chunked body starting at `from`, or undefined if more bytes are needed. */
function decodeChunked(buf: Buffer, from: number): Buffer | undefined {
  const parts: Buffer[] = []
  let pos = from
  for (;;) {
    const lineEnd = buf.indexOf('\r\n', pos, 'latin1')
    if (lineEnd < 0) return undefined
    const size = parseInt(buf.toString('latin1', pos, lineEnd).split(';')[0] ?? '', 16)
    if (Number.isNaN(size)) throw new Error('malformed chunk size')
    // The last chunk is followed by optional trailers and an empty line.
    if (size === 0) return buf.indexOf(CRLFCRLF, lineEnd) >= 0 ? Buffer.concat(parts) : undefined
    const start = lineEnd + 2
    if (buf.length < start + size + 2) return undefined
    parts.push(buf.subarray(start, start + size))
    pos = start + size + 2
  }
}
