import { randomBytes } from 'node:crypto'
import type { Bus, KvBucket } from '@acs/bus'
import type { Logger } from 'pino'

const SECRET_TTL_MS = 365 * 24 * 3600_000
const KEY = 'digest-secret'

/**
 * The key signing Digest nonces, identical on every replica so a nonce issued by one validates on
 * another: ACS_GATEWAY_SECRET when set, else a random key created once in a bus KV bucket (the
 * first replica creates it, the others read it).
 */
export async function resolveGatewaySecret(configured: string | undefined, bus: Bus, logger: Logger): Promise<Uint8Array> {
  if (configured) return Buffer.from(configured, 'utf8')
  const kv = await bus.kv('cwmp_gateway', { ttlMs: SECRET_TTL_MS })
  const secret = await readOrCreate(kv, randomBytes(32))
  // NATS may lose the bucket (a restart without its storage): this replica puts its key back, so
  // that a replica started afterwards reads the key the running ones sign with.
  kv.onReset(() => void restore(kv, secret, logger))
  return secret
}

async function readOrCreate(kv: KvBucket, fresh: Uint8Array): Promise<Uint8Array> {
  const existing = await kv.get(KEY)
  if (existing) return existing.value
  if ((await kv.create(KEY, fresh)) !== null) return fresh
  const winner = await kv.get(KEY)
  if (!winner) throw new Error('could not read the shared Digest nonce secret from the bus KV')
  return winner.value
}

async function restore(kv: KvBucket, secret: Uint8Array, logger: Logger): Promise<void> {
  try {
    const stored = await readOrCreate(kv, secret)
    if (!Buffer.from(stored).equals(secret)) {
      logger.warn(
        'the shared Digest nonce key in the bus KV is not the one this replica signs with (a replica started while the bucket was lost): nonces of one replica fail on the other until they restart; set ACS_GATEWAY_SECRET on every replica',
      )
    }
  } catch (err) {
    logger.warn({ err }, 'could not put the shared Digest nonce key back into the bus KV; replicas started later may sign with another one (set ACS_GATEWAY_SECRET to avoid it)')
  }
}
