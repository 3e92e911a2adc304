import { createHash, timingSafeEqual } from 'node:crypto'
import { parseAuthHeader } from './auth-params.js'
import { digestChallenge, digestMatches, digestResponseOf, type NonceSigner } from './digest.js'

/** A username/password pair a CPE must present. */
export interface Credentials {
  username: string
  password: string
}

/** Why a CPE was not let in; the caller answers 401 with `challenges`. */
export type AuthFailure = 'missing' | 'wrong-credentials' | 'stale-nonce' | 'replayed' | 'scheme-not-offered'

/**
 * The outcome of checking one Inform POST's Authorization header. A Digest success carries
 * `replayKey`, naming this use of its nonce (nonce and nonce count): the caller accepts it only
 * once (DigestReplayGuard).
 */
export type AuthOutcome = { ok: true; replayKey?: string } | { ok: false; reason: AuthFailure; challenges: string[] }

function sameSecret(a: string, b: string): boolean {
  // Hash first so the comparison is constant-time whatever the lengths.
  const ha = createHash('sha256').update(a).digest()
  const hb = createHash('sha256').update(b).digest()
  return timingSafeEqual(ha, hb)
}

/**
 * HTTP authentication of CPEs (TR-069 §3.4.4): Digest (MD5 and SHA-256, qop=auth, stateless
 * signed nonces) and, over TLS or when explicitly allowed, Basic.
 */
export class CpeAuthenticator {
  constructor(
    private readonly options: {
      realm: string
      digest: boolean
      basic: boolean
      method: string
      nonces: NonceSigner
    },
  ) {}

  /** The WWW-Authenticate values of a 401. MD5 first: some CPEs only read the first challenge or reject SHA-256. */
  challenges(nowMs: number, stale = false): string[] {
    const out: string[] = []
    const { realm, nonces } = this.options
    if (this.options.digest) {
      const nonce = nonces.issue(nowMs)
      out.push(digestChallenge({ realm, nonce, opaque: nonces.opaque, algorithm: 'MD5', stale }))
      out.push(digestChallenge({ realm, nonce, opaque: nonces.opaque, algorithm: 'SHA-256', stale }))
    }
    if (this.options.basic) out.push(`Basic realm="${realm}"`)
    return out
  }

  /** The 401 for a Digest Authorization used before: stale=true, so the CPE retries with a fresh nonce. */
  replayed(nowMs: number): AuthOutcome {
    return { ok: false, reason: 'replayed', challenges: this.challenges(nowMs, true) }
  }

  /** Checks an Authorization header against the credentials the device must present. */
  check(authorization: string | undefined, expected: Credentials, nowMs: number): AuthOutcome {
    const fail = (reason: AuthFailure): AuthOutcome => ({ ok: false, reason, challenges: this.challenges(nowMs, reason === 'stale-nonce') })
    if (!authorization) return fail('missing')
    const item = parseAuthHeader(authorization)[0]
    if (!item) return fail('missing')
    if (item.scheme === 'basic') {
      if (!this.options.basic) return fail('scheme-not-offered')
      const decoded = Buffer.from(item.token ?? '', 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon < 0) return fail('wrong-credentials')
      const userOk = sameSecret(decoded.slice(0, colon), expected.username)
      const passOk = sameSecret(decoded.slice(colon + 1), expected.password)
      return userOk && passOk ? { ok: true } : fail('wrong-credentials')
    }
    if (item.scheme === 'digest') {
      if (!this.options.digest) return fail('scheme-not-offered')
      const resp = digestResponseOf(item)
      if (!resp || resp.realm !== this.options.realm || resp.username !== expected.username) return fail('wrong-credentials')
      if (resp.opaque !== undefined && resp.opaque !== this.options.nonces.opaque) return fail('wrong-credentials')
      const nonce = this.options.nonces.check(resp.nonce, nowMs)
      if (nonce === 'invalid') return fail('wrong-credentials')
      if (!digestMatches(resp, this.options.method, expected.password)) return fail('wrong-credentials')
      // Without qop (RFC 2069 form) there is no nonce count: the nonce itself may serve once.
      return nonce === 'stale' ? fail('stale-nonce') : { ok: true, replayKey: `${resp.nonce}/${resp.nc ?? ''}` }
    }
    return fail('scheme-not-offered')
  }
}
