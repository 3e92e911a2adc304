import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { timeOrderedId } from './time-ordered-id.js'

const KEY_PATTERN = /^acs_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/

/** A freshly minted key: its id, the plaintext (shown once) and the hash that is stored. */
export interface MintedKey {
  id: string
  key: string
  secretHash: string
}

/**
 * Mints `acs_<id>_<secret>`: the secret is 32 bytes from the CSPRNG (base64url). Only a SHA-256
 * of the secret is stored. A slow KDF (bcrypt, scrypt) exists to protect low-entropy passwords
 * from guessing; 256 random bits cannot be guessed, so one fast hash is enough and keeps
 * verification cheap on every request.
 */
export function mintApiKey(now: Date): MintedKey {
  const id = timeOrderedId(now)
  const secret = randomBytes(32).toString('base64url')
  return { id, key: `acs_${id}_${secret}`, secretHash: hashSecret(secret) }
}

/** Splits a presented key into id and secret; null when it is not shaped like one of ours. */
export function parseApiKey(key: string): { id: string; secret: string } | null {
  const m = KEY_PATTERN.exec(key)
  return m ? { id: m[1]!, secret: m[2]! } : null
}

/** Hex SHA-256 of a key secret, as stored. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const stored = Buffer.from(storedHash, 'hex')
  const presented = createHash('sha256').update(secret, 'utf8').digest()
  return stored.length === presented.length && timingSafeEqual(stored, presented)
}

/** Compares two strings in constant time (hashing first so their lengths do not leak). */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest()
  const hb = createHash('sha256').update(b, 'utf8').digest()
  return timingSafeEqual(ha, hb)
}
