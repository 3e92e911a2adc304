import { randomBytes } from 'node:crypto'
import type { Bus } from '@acs/bus'

const SECRET_TTL_MS = 365 * 24 * 3600_000

/**
 * The key signing Digest nonces, identical on every replica so a nonce issued by one validates on
 * another: ACS_GATEWAY_SECRET when set, else a random key created once in a bus KV bucket (the
 * first replica creates it, the others read it).
 */
export async function resolveGatewaySecret(configured: string | undefined, bus: Bus): Promise<Uint8Array> {
  if (configured) return Buffer.from(configured, 'utf8')
  const kv = await bus.kv('cwmp_gateway', { ttlMs: SECRET_TTL_MS })
  const existing = await kv.get('digest-secret')
  if (existing) return existing.value
  const fresh = randomBytes(32)
  if ((await kv.create('digest-secret', fresh)) !== null) return fresh
  const winner = await kv.get('digest-secret')
  if (!winner) throw new Error('could not read the shared Digest nonce secret from the bus KV')
  return winner.value
}
