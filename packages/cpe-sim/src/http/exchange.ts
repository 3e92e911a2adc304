import type { Dispatcher } from 'undici'

/** A buffered HTTP response: what a CPE needs from each ACS answer. */
export interface HttpReply {
  status: number
  /** Lower-case header names; repeated headers become arrays. */
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** One request of a CWMP session. */
export interface HttpRequest {
  method: 'POST' | 'GET' | 'PUT'
  path: string
  headers: Record<string, string>
  body?: string | Buffer
  signal?: AbortSignal
  /** Stop reading (and fail) when the body grows beyond this many bytes. */
  maxBodyBytes?: number
  /** Headers and body-gap timeout in milliseconds (undici's default is 300 s). */
  timeoutMs?: number
}

const DEFAULT_MAX_BODY = 8 * 1024 * 1024

/**
 * Buffers one response. A class with undici's raw-header handler methods rather than an
 * object of closures: the load driver runs tens of thousands of requests per second, and this
 * path skips undici's header-object conversion and per-request closure allocation.
 */
class BufferingHandler {
  private chunks: Buffer[] = []
  private size = 0
  private status = 0
  private headers: Record<string, string | string[] | undefined> = {}
  private abort: ((err?: Error) => void) | undefined
  private onSignal: (() => void) | undefined

  constructor(
    private readonly resolve: (r: HttpReply) => void,
    private readonly reject: (e: unknown) => void,
    private readonly limit: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  onConnect(abort: (err?: Error) => void): void {
    this.abort = abort
    if (this.signal && !this.onSignal) {
      this.onSignal = () => this.abort?.(this.signal?.reason instanceof Error ? this.signal.reason : new Error('aborted'))
      this.signal.addEventListener('abort', this.onSignal, { once: true })
    }
  }

  onHeaders(statusCode: number, raw: Buffer[]): boolean {
    this.status = statusCode
    const headers: Record<string, string | string[] | undefined> = {}
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = (raw[i] as Buffer).toString('latin1').toLowerCase()
      const value = (raw[i + 1] as Buffer).toString('latin1')
      const prev = headers[name]
      headers[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value]
    }
    this.headers = headers
    return true
  }

  onData(chunk: Buffer): boolean {
    this.size += chunk.length
    if (this.size > this.limit) {
      this.abort?.(new Error(`response body over ${this.limit} bytes`))
      return false
    }
    this.chunks.push(chunk)
    return true
  }

  onComplete(): void {
    this.done()
    const c = this.chunks
    const body = c.length === 0 ? '' : c.length === 1 ? (c[0] as Buffer).toString('utf8') : Buffer.concat(c).toString('utf8')
    this.resolve({ status: this.status, headers: this.headers, body })
  }

  onError(err: Error): void {
    this.done()
    this.reject(err)
  }

  private done(): void {
    if (this.onSignal) this.signal?.removeEventListener('abort', this.onSignal)
  }
}

/** Sends one request through an undici dispatcher and buffers the answer. */
export function exchange(dispatcher: Dispatcher, req: HttpRequest): Promise<HttpReply> {
  return new Promise<HttpReply>((resolve, reject) => {
    if (req.signal?.aborted) {
      reject(req.signal.reason)
      return
    }
    const handler = new BufferingHandler(resolve, reject, req.maxBodyBytes ?? DEFAULT_MAX_BODY, req.signal)
    dispatcher.dispatch(
      {
        method: req.method,
        path: req.path,
        headers: req.headers,
        body: req.body ?? null,
        headersTimeout: req.timeoutMs ?? null,
        bodyTimeout: req.timeoutMs ?? null,
      },
      handler,
    )
  })
}

/** Joins the name=value parts of Set-Cookie headers into one Cookie header value (RFC 6265 §5.4). */
export function cookieHeaderFrom(setCookie: string | string[] | undefined, previous?: string): string | undefined {
  if (setCookie === undefined) return previous
  if (previous === undefined && typeof setCookie === 'string') {
    const semi = setCookie.indexOf(';')
    const first = (semi < 0 ? setCookie : setCookie.slice(0, semi)).trim()
    return first.indexOf('=') > 0 ? first : undefined
  }
  const jar = new Map<string, string>()
  if (previous) {
    for (const pair of previous.split('; ')) {
      const eq = pair.indexOf('=')
      if (eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1))
    }
  }
  for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
    const first = line.split(';', 1)[0] ?? ''
    const eq = first.indexOf('=')
    if (eq <= 0) continue
    jar.set(first.slice(0, eq).trim(), first.slice(eq + 1).trim())
  }
  if (jar.size === 0) return previous
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
}
