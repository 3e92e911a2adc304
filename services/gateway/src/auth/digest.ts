import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { AuthItem } from './auth-params.js'

/** Digest algorithms this gateway offers and accepts (RFC 7616 §3.5). */
export type DigestAlgorithm = 'MD5' | 'SHA-256'

const HASH_OF: Record<string, { hash: 'md5' | 'sha256'; sess: boolean } | undefined> = {
  'MD5': { hash: 'md5', sess: false },
  'MD5-SESS': { hash: 'md5', sess: true },
  'SHA-256': { hash: 'sha256', sess: false },
  'SHA-256-SESS': { hash: 'sha256', sess: true },
}

function h(hash: 'md5' | 'sha256', text: string): string {
  return createHash(hash).update(text).digest('hex')
}

/** The fields of a Digest `Authorization` header the server needs. */
export interface DigestResponse {
  username: string
  realm: string
  nonce: string
  uri: string
  response: string
  algorithm: string
  qop?: string
  nc?: string
  cnonce?: string
  opaque?: string
}

/** Extracts Digest credentials from a parsed Authorization header; null if incomplete. */
export function digestResponseOf(item: AuthItem): DigestResponse | null {
  const p = item.params
  if (item.scheme !== 'digest' || p.username === undefined || !p.nonce || p.uri === undefined || !p.response) return null
  const out: DigestResponse = { username: p.username, realm: p.realm ?? '', nonce: p.nonce, uri: p.uri, response: p.response, algorithm: p.algorithm ?? 'MD5' }
  if (p.qop !== undefined) out.qop = p.qop
  if (p.nc !== undefined) out.nc = p.nc
  if (p.cnonce !== undefined) out.cnonce = p.cnonce
  if (p.opaque !== undefined) out.opaque = p.opaque
  return out
}

/**
 * The `response` value for the given credentials (RFC 7616 §3.4.1): qop=auth, or the RFC 2069
 * form without qop that old CPEs still send. Null for an unsupported algorithm or qop.
 */
export function computeDigest(args: {
  algorithm: string
  username: string
  realm: string
  password: string
  method: string
  uri: string
  nonce: string
  qop?: string
  nc?: string
  cnonce?: string
}): string | null {
  const alg = HASH_OF[args.algorithm.toUpperCase()]
  if (!alg) return null
  if (args.qop !== undefined && args.qop !== 'auth') return null
  let ha1 = h(alg.hash, `${args.username}:${args.realm}:${args.password}`)
  if (alg.sess) ha1 = h(alg.hash, `${ha1}:${args.nonce}:${args.cnonce ?? ''}`)
  const ha2 = h(alg.hash, `${args.method}:${args.uri}`)
  return args.qop === 'auth'
    ? h(alg.hash, `${ha1}:${args.nonce}:${args.nc ?? ''}:${args.cnonce ?? ''}:auth:${ha2}`)
    : h(alg.hash, `${ha1}:${args.nonce}:${ha2}`)
}

/** Constant-time check of a Digest response against the expected password. */
export function digestMatches(resp: DigestResponse, method: string, password: string): boolean {
  const expected = computeDigest({ ...resp, method, password })
  if (expected === null) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(resp.response.toLowerCase())
  return a.length === b.length && timingSafeEqual(a, b)
}

/** What the nonce signer says about a nonce it is shown. */
export type NonceCheck = 'valid' | 'stale' | 'invalid'

/**
 * Stateless Digest nonces: 8 bytes issue time + 8 random bytes + a 16-byte HMAC over both, so any
 * replica sharing the secret validates a nonce another issued, with no shared nonce table. Replay
 * of a captured Authorization within the nonce lifetime is caught by DigestReplayGuard, which
 * shares the uses (nonce, nc) instead; the session cookie, not the Authorization, carries a
 * session forward.
 */
export class NonceSigner {
  readonly opaque: string
  constructor(
    private readonly secret: Uint8Array,
    private readonly ttlMs: number,
  ) {
    this.opaque = createHmac('sha256', secret).update('opaque').digest('hex').slice(0, 32)
  }

  /** A fresh nonce issued at `nowMs`. */
  issue(nowMs: number): string {
    const buf = Buffer.allocUnsafe(32)
    buf.writeBigUInt64BE(BigInt(Math.max(0, Math.floor(nowMs))), 0)
    randomBytes(8).copy(buf, 8)
    this.sign(buf.subarray(0, 16)).copy(buf, 16)
    return buf.toString('base64url')
  }

  /** 'stale' for a genuine but expired nonce (the client retries with stale=true), 'invalid' for a forged one. */
  check(nonce: string, nowMs: number): NonceCheck {
    const buf = Buffer.from(nonce, 'base64url')
    if (buf.length !== 32) return 'invalid'
    if (!timingSafeEqual(this.sign(buf.subarray(0, 16)), buf.subarray(16))) return 'invalid'
    const issuedAt = Number(buf.readBigUInt64BE(0))
    if (issuedAt > nowMs + 60_000) return 'invalid'
    return nowMs - issuedAt > this.ttlMs ? 'stale' : 'valid'
  }

  private sign(data: Uint8Array): Buffer {
    return createHmac('sha256', this.secret).update(data).digest().subarray(0, 16)
  }
}

/** A WWW-Authenticate Digest challenge value. */
export function digestChallenge(args: { realm: string; nonce: string; opaque: string; algorithm: DigestAlgorithm; stale: boolean }): string {
  const stale = args.stale ? ', stale=true' : ''
  return `Digest realm="${args.realm}", qop="auth", algorithm=${args.algorithm}, nonce="${args.nonce}", opaque="${args.opaque}"${stale}`
}
