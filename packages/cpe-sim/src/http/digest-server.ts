import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** Credentials a request must prove. */
export interface Credentials {
  username: string
  password: string
}

/** The parameters of a Digest Authorization header. */
export type DigestParams = Map<string, string>

const PARAM = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g

/** Parses `Authorization: Digest ...` into its parameters, or undefined for another scheme. */
export function parseDigestAuthorization(header: string | undefined): DigestParams | undefined {
  if (!header) return undefined
  const m = /^\s*Digest\s+(.*)$/is.exec(header)
  if (!m) return undefined
  const params: DigestParams = new Map()
  for (const p of (m[1] ?? '').matchAll(PARAM)) {
    params.set((p[1] ?? '').toLowerCase(), p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : (p[3] ?? ''))
  }
  return params
}

/**
 * Issues and checks HTTP Digest (MD5, qop=auth) challenges, the way a CPE protects its
 * connection-request URL (§10.1). Nonces are random, expire after `nonceTtlMs`, and each
 * nonce-count may be used once (replay protection).
 */
export class DigestVerifier {
  private readonly nonces = new Map<string, { expires: number; lastNc: number }>()

  constructor(
    private readonly realm: string,
    private readonly nonceTtlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A fresh WWW-Authenticate value; `stale` tells the client only the nonce expired. */
  challenge(stale = false): string {
    this.prune()
    const nonce = randomBytes(16).toString('hex')
    this.nonces.set(nonce, { expires: this.now() + this.nonceTtlMs, lastNc: 0 })
    return `Digest realm="${this.realm}", qop="auth", nonce="${nonce}", algorithm=MD5${stale ? ', stale=true' : ''}`
  }

  /**
   * Checks an Authorization header for `method` against the credentials `lookup` returns for
   * its username. 'stale' means the password was right but the nonce is unknown or expired.
   */
  verify(header: string | undefined, method: string, lookup: (username: string) => Credentials | undefined): 'ok' | 'stale' | 'denied' {
    const p = parseDigestAuthorization(header)
    if (!p) return 'denied'
    const username = p.get('username') ?? ''
    const creds = lookup(username)
    if (!creds || creds.username !== username) return 'denied'
    if ((p.get('realm') ?? '') !== this.realm) return 'denied'
    const algorithm = (p.get('algorithm') ?? 'MD5').toUpperCase()
    if (algorithm !== 'MD5') return 'denied'
    const nonce = p.get('nonce') ?? ''
    const uri = p.get('uri') ?? ''
    const qop = p.get('qop')
    const nc = p.get('nc') ?? ''
    const cnonce = p.get('cnonce') ?? ''
    const md5 = (s: string): string => createHash('md5').update(s).digest('hex')
    const ha1 = md5(`${username}:${this.realm}:${creds.password}`)
    const ha2 = md5(`${method}:${uri}`)
    const expected = qop === 'auth' ? md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`) : md5(`${ha1}:${nonce}:${ha2}`)
    const given = (p.get('response') ?? '').toLowerCase()
    if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return 'denied'
    const entry = this.nonces.get(nonce)
    if (!entry || entry.expires < this.now()) return 'stale'
    if (qop === 'auth') {
      const count = parseInt(nc, 16)
      if (!Number.isFinite(count) || count <= entry.lastNc) return 'stale'
      entry.lastNc = count
    } else if (entry.lastNc > 0) {
      return 'stale'
    } else {
      entry.lastNc = 1
    }
    return 'ok'
  }

  private prune(): void {
    if (this.nonces.size < 1024) return
    const now = this.now()
    for (const [n, e] of this.nonces) if (e.expires < now) this.nonces.delete(n)
  }
}
