import { createHash, randomBytes } from 'node:crypto'

/** One authentication challenge from a WWW-Authenticate header. */
export interface AuthChallenge {
  scheme: 'basic' | 'digest'
  realm: string
  nonce: string
  opaque?: string
  qop?: string
  algorithm: string
  stale: boolean
}

/** The state a client keeps to answer a Digest challenge again (nonce count grows per use). */
export interface DigestSession {
  challenge: AuthChallenge
  nc: number
}

const PARAM = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g

/**
 * Parses a WWW-Authenticate value (one or several header lines) and returns the strongest
 * challenge we can answer: Digest with MD5/SHA-256 (plain or -sess) first, else Basic.
 */
export function parseChallenges(header: string | string[] | undefined): AuthChallenge | undefined {
  if (header === undefined) return undefined
  const lines = Array.isArray(header) ? header : [header]
  let basic: AuthChallenge | undefined
  for (const line of lines) {
    // A line may hold several challenges: split before each "<scheme> <param>=" token.
    for (const part of line.split(/,?\s*(?=\b(?:Digest|Basic)\s)/i)) {
      const m = /^\s*(Digest|Basic)\s*(.*)$/is.exec(part)
      if (!m) continue
      const params = new Map<string, string>()
      for (const p of (m[2] ?? '').matchAll(PARAM)) {
        params.set((p[1] ?? '').toLowerCase(), p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : (p[3] ?? ''))
      }
      if ((m[1] ?? '').toLowerCase() === 'basic') {
        basic ??= { scheme: 'basic', realm: params.get('realm') ?? '', nonce: '', algorithm: '', stale: false }
        continue
      }
      const algorithm = (params.get('algorithm') ?? 'MD5').toUpperCase()
      if (!SUPPORTED_ALGORITHMS.has(algorithm)) continue
      const qops = (params.get('qop') ?? '').split(',').map((q) => q.trim().toLowerCase())
      return {
        scheme: 'digest',
        realm: params.get('realm') ?? '',
        nonce: params.get('nonce') ?? '',
        opaque: params.get('opaque'),
        qop: qops.includes('auth') ? 'auth' : undefined,
        algorithm,
        stale: (params.get('stale') ?? '').toLowerCase() === 'true',
      }
    }
  }
  return basic
}

const SUPPORTED_ALGORITHMS = new Set(['MD5', 'MD5-SESS', 'SHA-256', 'SHA-256-SESS'])

function hashOf(algorithm: string): (s: string) => string {
  const name = algorithm.startsWith('SHA-256') ? 'sha256' : 'md5'
  return (s) => createHash(name).update(s).digest('hex')
}

/** Builds the Authorization value answering `challenge` for one request (RFC 7616 / 2617). */
export function authorizationFor(
  session: DigestSession,
  credentials: { username: string; password: string },
  method: string,
  uri: string,
): string {
  const c = session.challenge
  if (c.scheme === 'basic') {
    return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
  }
  const h = hashOf(c.algorithm)
  const cnonce = randomBytes(8).toString('hex')
  session.nc += 1
  const nc = session.nc.toString(16).padStart(8, '0')
  let ha1 = h(`${credentials.username}:${c.realm}:${credentials.password}`)
  if (c.algorithm.endsWith('-SESS')) ha1 = h(`${ha1}:${c.nonce}:${cnonce}`)
  const ha2 = h(`${method}:${uri}`)
  const response = c.qop ? h(`${ha1}:${c.nonce}:${nc}:${cnonce}:${c.qop}:${ha2}`) : h(`${ha1}:${c.nonce}:${ha2}`)
  let value =
    `Digest username="${quote(credentials.username)}", realm="${quote(c.realm)}", nonce="${quote(c.nonce)}", ` +
    `uri="${quote(uri)}", algorithm=${c.algorithm === 'MD5-SESS' ? 'MD5-sess' : c.algorithm === 'SHA-256-SESS' ? 'SHA-256-sess' : c.algorithm}, response="${response}"`
  if (c.qop) value += `, qop=${c.qop}, nc=${nc}, cnonce="${cnonce}"`
  if (c.opaque !== undefined) value += `, opaque="${quote(c.opaque)}"`
  return value
}

function quote(s: string): string {
  return s.replace(/["\\]/g, '\\$&')
}
