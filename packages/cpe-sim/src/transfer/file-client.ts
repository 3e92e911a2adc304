import { Agent, request, type Dispatcher } from 'undici'
import { authorizationFor, parseChallenges } from '../http/digest-client.js'

/** A file fetched for a Download or a DU install: its size and first bytes (the content itself is not kept). */
export interface FetchedFile {
  readonly size: number
  /** The first 4 KiB, where a version line may be. */
  readonly head: string
}

/** A transfer failure with the CWMP fault code a CPE reports for it (§8.2). */
export class TransferFault extends Error {
  override readonly name = 'TransferFault'
  constructor(
    readonly faultCode: number,
    message: string,
  ) {
    super(message)
  }
}

const HEAD_BYTES = 4096
const MAX_FILE_BYTES = 256 * 1024 * 1024

/** HTTP(S) transfers with Basic/Digest credentials, as a CPE's file client does them. */
export class FileClient {
  private readonly agent: Dispatcher

  constructor(private readonly timeoutMs = 30_000) {
    this.agent = new Agent({ connections: 64, keepAliveTimeout: 10_000 })
  }

  /**
   * GETs a file. Faults: 9015 server unreachable, 9012 authentication refused, 9016 missing or
   * not readable, 9017 shorter than announced (FileSize or Content-Length), 9018 longer than FileSize.
   */
  async download(url: string, username: string, password: string, fileSize: number, signal?: AbortSignal): Promise<FetchedFile> {
    const res = await this.send('GET', url, username, password, undefined, signal)
    if (res.statusCode === 401 || res.statusCode === 403) {
      await res.body.dump()
      throw new TransferFault(9012, `file server refused the credentials (http ${res.statusCode})`)
    }
    if (res.statusCode < 200 || res.statusCode >= 300) {
      await res.body.dump()
      throw new TransferFault(9016, `file not available (http ${res.statusCode})`)
    }
    let size = 0
    const head: Buffer[] = []
    let headSize = 0
    try {
      for await (const chunk of res.body) {
        const buf = chunk as Buffer
        size += buf.length
        if (headSize < HEAD_BYTES) {
          head.push(buf.subarray(0, HEAD_BYTES - headSize))
          headSize += Math.min(buf.length, HEAD_BYTES - headSize)
        }
        if (size > MAX_FILE_BYTES) throw new TransferFault(9010, 'file too large for the simulator')
      }
    } catch (err) {
      if (err instanceof TransferFault) throw err
      throw new TransferFault(9017, `download interrupted: ${(err as Error).message}`)
    }
    const announced = Number(res.headers['content-length'] ?? NaN)
    if (Number.isFinite(announced) && size < announced) throw new TransferFault(9017, `received ${size} of ${announced} bytes`)
    if (fileSize > 0 && size < fileSize) throw new TransferFault(9017, `received ${size} bytes, FileSize is ${fileSize}`)
    if (fileSize > 0 && size > fileSize) throw new TransferFault(9018, `received ${size} bytes, FileSize is ${fileSize}`)
    return { size, head: Buffer.concat(head).toString('latin1') }
  }

  /** PUTs a file (Upload, §6.11). Faults: 9015 unreachable, 9012 refused credentials, 9011 any other failure. */
  async upload(url: string, username: string, password: string, content: Buffer, signal?: AbortSignal): Promise<void> {
    const res = await this.send('PUT', url, username, password, content, signal)
    await res.body.dump()
    if (res.statusCode === 401 || res.statusCode === 403) throw new TransferFault(9012, `upload server refused the credentials (http ${res.statusCode})`)
    if (res.statusCode < 200 || res.statusCode >= 300) throw new TransferFault(9011, `upload failed (http ${res.statusCode})`)
  }

  /** Closes pooled connections. */
  close(): Promise<void> {
    return this.agent.close()
  }

  private async send(method: 'GET' | 'PUT', url: string, username: string, password: string, body: Buffer | undefined, signal?: AbortSignal) {
    const target = new URL(url)
    const path = target.pathname + target.search
    const attempt = async (authorization?: string) => {
      try {
        return await request(target, {
          dispatcher: this.agent,
          method,
          headers: authorization ? { authorization } : {},
          body,
          signal,
          headersTimeout: this.timeoutMs,
          bodyTimeout: this.timeoutMs,
        })
      } catch (err) {
        throw new TransferFault(9015, `cannot reach ${target.host}: ${(err as { code?: string }).code ?? (err as Error).message}`)
      }
    }
    const first = await attempt()
    if (first.statusCode !== 401 || (username === '' && password === '')) return first
    const challenge = parseChallenges(first.headers['www-authenticate'])
    await first.body.dump()
    if (!challenge) throw new TransferFault(9012, 'file server asked for an authentication scheme the CPE lacks')
    return attempt(authorizationFor({ challenge, nc: 0 }, { username, password }, method, path))
  }
}

/**
 * The version a firmware image carries: a `version=X` line at its start, else one derived from
 * the file name (`fw-4.3.0.bin` gives `4.3.0`); undefined when neither exists.
 */
export function firmwareVersionOf(head: string, url: string): string | undefined {
  const line = /^\s*version\s*=\s*([^\s]{1,64})/im.exec(head.slice(0, 1024))
  if (line?.[1]) return line[1]
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '')
  const fromName = /(\d+(?:\.\d+){1,3}(?:[-_][A-Za-z0-9]+)?)/.exec(name.replace(/\.(bin|img|fw|ipk|tar|gz|zip)$/i, ''))
  return fromName?.[1]
}
