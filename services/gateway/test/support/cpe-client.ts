import { Agent, request, type IncomingHttpHeaders } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

/** One HTTP exchange as a test sees it. */
export interface CpeReply {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/**
 * A minimal CPE HTTP side for tests: keep-alive POSTs to the ACS URL, keeping the session cookie
 * like a real CPE (§2.3) unless told to drop it, from an optional local address (127.0.0.x).
 */
export class CpeClient {
  readonly agent: Agent
  cookie: string | undefined
  /** The whole Set-Cookie value last received. */
  setCookie: string | undefined

  constructor(
    public baseUrl: string,
    private readonly options: { localAddress?: string; keepCookies?: boolean; ca?: string | Buffer } = {},
  ) {
    this.agent = options.ca ? new HttpsAgent({ keepAlive: true, maxSockets: 1, ca: options.ca }) : new Agent({ keepAlive: true, maxSockets: 1 })
  }

  /** POSTs a body (empty string = empty POST) and records any Set-Cookie. */
  post(body: string | Buffer, headers: Record<string, string> = {}, url = this.baseUrl): Promise<CpeReply> {
    const payload = typeof body === 'string' ? Buffer.from(body) : body
    const all: Record<string, string> = { 'content-length': String(payload.length), ...headers }
    if (payload.length > 0 && !('content-type' in all)) all['content-type'] = 'text/xml; charset="utf-8"'
    if (this.cookie && this.options.keepCookies !== false) all.cookie = this.cookie
    return new Promise((resolve, reject) => {
      const send = url.startsWith('https:') ? httpsRequest : request
      const req = send(url, { method: 'POST', agent: this.agent, headers: all, localAddress: this.options.localAddress }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const setCookie = res.headers['set-cookie']?.[0]
          if (setCookie) {
            this.setCookie = setCookie
            this.cookie = setCookie.split(';')[0]
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })
        })
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(payload)
    })
  }

  /** Forgets the cookie (a new session) and closes kept-alive sockets. */
  reset(): void {
    this.cookie = undefined
  }

  close(): void {
    this.agent.destroy()
  }
}
