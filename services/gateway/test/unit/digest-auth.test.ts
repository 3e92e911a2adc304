import { describe, expect, it } from 'vitest'
import { parseAuthHeader } from '../../src/auth/auth-params.js'
import { CpeAuthenticator } from '../../src/auth/cpe-authenticator.js'
import { computeDigest, digestResponseOf, NonceSigner } from '../../src/auth/digest.js'
import { digestAuthorization } from '../../src/connection-request/http-connection-request.js'

// RFC 7616 §3.9.1 example.
const rfc = {
  username: 'Mufasa',
  password: 'Circle of Life',
  realm: 'http-auth@example.org',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  uri: '/dir/index.html',
  qop: 'auth',
  nc: '00000001',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  method: 'GET',
}

describe('digest computation', () => {
  it('matches the RFC 7616 MD5 example', () => {
    expect(computeDigest({ ...rfc, algorithm: 'MD5' })).toBe('8ca523f5e9506fed4657c9700eebdbec')
  })

  it('matches the RFC 7616 SHA-256 example', () => {
    expect(computeDigest({ ...rfc, algorithm: 'SHA-256' })).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1')
  })

  it('refuses an unknown algorithm', () => {
    expect(computeDigest({ ...rfc, algorithm: 'SHA-512-256' })).toBeNull()
  })
})

describe('authentication header parsing', () => {
  it('reads several challenges of one header, with quoted commas', () => {
    const items = parseAuthHeader('Digest realm="a, b", qop="auth,auth-int", nonce=xyz, Basic realm="acs"')
    expect(items.map((i) => i.scheme)).toEqual(['digest', 'basic'])
    expect(items[0]!.params).toEqual({ realm: 'a, b', qop: 'auth,auth-int', nonce: 'xyz' })
  })

  it('reads Basic credentials as a token68', () => {
    expect(parseAuthHeader('Basic dXNlcjpwYQ==')[0]).toEqual({ scheme: 'basic', params: {}, token: 'dXNlcjpwYQ==' })
  })

  it('unescapes quoted-pair characters', () => {
    expect(parseAuthHeader('Digest username="a\\"b"')[0]!.params.username).toBe('a"b')
  })

  it('never throws on garbage', () => {
    for (const junk of ['', '=', ',,,', '"unterminated', 'Digest =x', '\u0000\u00ff']) expect(() => parseAuthHeader(junk)).not.toThrow()
  })
})

describe('stateless nonces', () => {
  const signer = new NonceSigner(Buffer.from('0123456789abcdef0123456789abcdef'), 60_000)

  it('validates a nonce it issued', () => {
    expect(signer.check(signer.issue(1_000_000), 1_010_000)).toBe('valid')
  })

  it('validates a nonce issued by another replica sharing the secret', () => {
    const other = new NonceSigner(Buffer.from('0123456789abcdef0123456789abcdef'), 60_000)
    expect(signer.check(other.issue(1_000_000), 1_000_001)).toBe('valid')
  })

  it('calls an expired nonce stale', () => {
    expect(signer.check(signer.issue(1_000_000), 1_000_000 + 60_001)).toBe('stale')
  })

  it('rejects a nonce signed with another secret', () => {
    const other = new NonceSigner(Buffer.from('another-secret-another-secret!!!'), 60_000)
    expect(signer.check(other.issue(1_000_000), 1_000_001)).toBe('invalid')
  })

  it('rejects a tampered nonce', () => {
    const n = Buffer.from(signer.issue(1_000_000), 'base64url')
    n[3] = n[3]! ^ 1
    expect(signer.check(n.toString('base64url'), 1_000_001)).toBe('invalid')
  })
})

describe('CPE authenticator', () => {
  const nonces = new NonceSigner(Buffer.from('0123456789abcdef0123456789abcdef'), 60_000)
  const auth = new CpeAuthenticator({ realm: 'acs', digest: true, basic: true, method: 'POST', nonces })
  const creds = { username: 'cpe1', password: 's3cret' }
  const t = 5_000_000

  function challengeAt(algorithm: 'MD5' | 'SHA-256', at = t) {
    return parseAuthHeader(auth.challenges(at).find((c) => c.includes(`algorithm=${algorithm},`))!)[0]!
  }

  function answer(algorithm: 'MD5' | 'SHA-256', password: string, at = t): string {
    return digestAuthorization(challengeAt(algorithm, at), { username: creds.username, password }, 'POST', '/acs')
  }

  it('offers MD5 first, then SHA-256, then Basic', () => {
    const c = auth.challenges(t)
    expect(c.map((x) => /algorithm=([\w-]+)/.exec(x)?.[1] ?? x.split(' ')[0])).toEqual(['MD5', 'SHA-256', 'Basic'])
  })

  it('accepts a correct MD5 digest', () => {
    expect(auth.check(answer('MD5', 's3cret'), creds, t + 10)).toMatchObject({ ok: true })
  })

  it('accepts a correct SHA-256 digest', () => {
    expect(auth.check(answer('SHA-256', 's3cret'), creds, t + 10)).toMatchObject({ ok: true })
  })

  it('names each use of a nonce by nonce and nonce count, for the replay guard', () => {
    const challenge = challengeAt('MD5')
    const first = auth.check(digestAuthorization(challenge, creds, 'POST', '/acs'), creds, t + 10)
    const again = auth.check(digestAuthorization(challenge, creds, 'POST', '/acs'), creds, t + 10)
    const next = auth.check(digestAuthorization(challenge, creds, 'POST', '/acs', 2), creds, t + 10)
    expect(first).toEqual({ ok: true, replayKey: `${challenge.params.nonce}/00000001` })
    expect(again).toEqual(first)
    expect(next).toEqual({ ok: true, replayKey: `${challenge.params.nonce}/00000002` })
  })

  it('answers a replayed digest with stale=true challenges', () => {
    const r = auth.replayed(t)
    expect(r).toMatchObject({ ok: false, reason: 'replayed' })
    expect(!r.ok && r.challenges[0]).toContain('stale=true')
  })

  it('rejects a wrong password with fresh challenges', () => {
    const r = auth.check(answer('MD5', 'wrong'), creds, t + 10)
    expect(r).toMatchObject({ ok: false, reason: 'wrong-credentials' })
    expect(!r.ok && r.challenges.length).toBe(3)
  })

  it('answers a correct digest on an expired nonce with stale=true', () => {
    const r = auth.check(answer('MD5', 's3cret'), creds, t + 60_001)
    expect(r).toMatchObject({ ok: false, reason: 'stale-nonce' })
    expect(!r.ok && r.challenges[0]).toContain('stale=true')
  })

  it('rejects a digest for another username', () => {
    expect(auth.check(answer('MD5', 's3cret'), { username: 'cpe2', password: 's3cret' }, t + 10)).toMatchObject({ ok: false })
  })

  it('rejects a request without Authorization', () => {
    expect(auth.check(undefined, creds, t)).toMatchObject({ ok: false, reason: 'missing' })
  })

  it('accepts correct Basic credentials when Basic is offered', () => {
    expect(auth.check(`Basic ${Buffer.from('cpe1:s3cret').toString('base64')}`, creds, t)).toEqual({ ok: true })
  })

  it('rejects Basic when only Digest is offered', () => {
    const digestOnly = new CpeAuthenticator({ realm: 'acs', digest: true, basic: false, method: 'POST', nonces })
    expect(digestOnly.check(`Basic ${Buffer.from('cpe1:s3cret').toString('base64')}`, creds, t)).toMatchObject({ ok: false, reason: 'scheme-not-offered' })
  })

  it('rejects a digest whose opaque differs from the one issued', () => {
    const header = answer('MD5', 's3cret').replace(/opaque="[^"]*"/, 'opaque="forged"')
    expect(auth.check(header, creds, t + 10)).toMatchObject({ ok: false })
  })

  it('accepts the RFC 2069 form without qop', () => {
    const nonce = nonces.issue(t)
    const response = computeDigest({ algorithm: 'MD5', username: 'cpe1', realm: 'acs', password: 's3cret', method: 'POST', uri: '/', nonce })
    const header = `Digest username="cpe1", realm="acs", nonce="${nonce}", uri="/", response="${response}"`
    expect(digestResponseOf(parseAuthHeader(header)[0]!)).not.toBeNull()
    // No nonce count in this form: the nonce itself names the use, so it serves once.
    expect(auth.check(header, creds, t + 1)).toEqual({ ok: true, replayKey: `${nonce}/` })
  })
})
