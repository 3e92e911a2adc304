/**
 * Maps any non-empty string to a valid NATS KV key (`[-/=.\w]+`): `[A-Za-z0-9_-]` stay, every other
 * UTF-8 byte becomes `=XX`. Reversible, so distinct keys never collide.
 */
export function encodeKvKey(key: string): string {
  if (key.length === 0) throw new Error('KV key must not be empty')
  let out = ''
  for (const byte of Buffer.from(key, 'utf8')) {
    const c = String.fromCharCode(byte)
    out += /[A-Za-z0-9_-]/.test(c) ? c : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}
