import { randomBytes } from 'node:crypto'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { parseAuthHeader, type AuthItem } from '../auth/auth-params.js'
import { computeDigest } from '../auth/digest.js'

/** What became of one HTTP connection request (the contracts' outcomes for transport 'http'). */
export interface HttpCrResult {
  outcome: 'accepted' | 'auth-failed' | 'unreachable' | 'refused'
  status?: number
  detail?: string
}

function get(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<IncomingMessage> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'GET', headers, agent: false, signal }, (res) => {
      res.resume()
      res.on('end', () => resolve(res))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

function pickDigest(res: IncomingMessage): AuthItem | null {
  const values = res.headersDistinct['www-authenticate'] ?? []
  for (const item of values.flatMap((v) => parseAuthHeader(v))) {
    const alg = (item.params.algorithm ?? 'MD5').toUpperCase()
    if (item.scheme === 'digest' && item.params.nonce && (alg === 'MD5' || alg === 'SHA-256' || alg === 'MD5-SESS' || alg === 'SHA-256-SESS')) return item
  }
  return null
}

function quote(v: string): string {
  return `"${v.replace(/["\\]/g, '\\$&')}"`
}

/** The Authorization header answering a Digest challenge (qop=auth when offered, else RFC 2069). */
export function digestAuthorization(challenge: AuthItem, credentials: { username: string; password: string }, method: string, uri: string, nonceCount = 1): string {
  const p = challenge.params
  const algorithm = p.algorithm ?? 'MD5'
  const realm = p.realm ?? ''
  const nonce = p.nonce ?? ''
  const qop = (p.qop ?? '').split(',').map((q) => q.trim()).includes('auth') ? 'auth' : undefined
  const cnonce = randomBytes(8).toString('hex')
  const nc = nonceCount.toString(16).padStart(8, '0')
  const response = computeDigest({ algorithm, username: credentials.username, realm, password: credentials.password, method, uri, nonce, ...(qop ? { qop, nc, cnonce } : {}) })
  const parts = [`username=${quote(credentials.username)}`, `realm=${quote(realm)}`, `nonce=${quote(nonce)}`, `uri=${quote(uri)}`, `algorithm=${algorithm}`, `response=${quote(response ?? '')}`]
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`)
  if (p.opaque !== undefined) parts.push(`opaque=${quote(p.opaque)}`)
  return `Digest ${parts.join(', ')}`
}

/**
 * HTTP connection request (§10.1): GET the URL; on 401 answer the Digest challenge once with
 * the connection-request credentials. 2xx = accepted, 401 after credentials = auth-failed, no
 * connection / timeout = unreachable, anything else (503 while the CPE rate-limits...) = refused.
 */
export async function sendHttpConnectionRequest(
  url: URL,
  credentials: { username: string; password: string } | null,
  timeoutMs: number,
): Promise<HttpCrResult> {
  const uri = `${url.pathname}${url.search}`
  try {
    let res = await get(url, {}, AbortSignal.timeout(timeoutMs))
    if (res.statusCode === 401) {
      const challenge = pickDigest(res)
      if (!credentials || !challenge) return { outcome: 'auth-failed', status: 401, detail: credentials ? 'no usable Digest challenge' : 'no connection-request credentials for this device' }
      res = await get(url, { authorization: digestAuthorization(challenge, credentials, 'GET', uri) }, AbortSignal.timeout(timeoutMs))
    }
    const status = res.statusCode ?? 0
    if (status >= 200 && status < 300) return { outcome: 'accepted', status }
    if (status === 401) return { outcome: 'auth-failed', status, detail: 'credentials rejected' }
    return { outcome: 'refused', status }
  } catch (err) {
    const e = err as { code?: string; name?: string; message?: string }
    return { outcome: 'unreachable', detail: e.code ?? e.name ?? e.message ?? 'error' }
  }
}
