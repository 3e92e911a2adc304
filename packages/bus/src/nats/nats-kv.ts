import { JetStreamApiCodes, JetStreamApiError, type JetStreamManager } from '@nats-io/jetstream'
import type { Kvm } from '@nats-io/kv'
import { nanos } from '@nats-io/transport-node'
import type { KvBucket } from '../bus.js'
import { encodeKvKey } from '../kv-key.js'

function isWrongRevision(err: unknown): boolean {
  return (
    err instanceof JetStreamApiError &&
    (err.code === JetStreamApiCodes.StreamWrongLastSequence || err.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown)
  )
}

/**
 * Opens (creating if needed) a NATS KV bucket whose entries expire `ttlMs` after their last write
 * (the bucket stream's max_age: nats-server 2.9 has no per-key TTL), keeping one revision per key.
 * An existing bucket with another TTL is updated to this one. Keys are escaped with encodeKvKey,
 * so any non-empty string is a valid key. Compare-and-set relies on the server's
 * expected-last-subject-sequence check, so concurrent writers across processes get one winner.
 */
export async function openNatsKv(kvm: Kvm, jsm: JetStreamManager, bucket: string, ttlMs: number): Promise<KvBucket> {
  if (!/^[-\w]+$/.test(bucket)) throw new Error(`invalid KV bucket name ${JSON.stringify(bucket)}: use [A-Za-z0-9_-]`)
  const kv = await kvm.create(bucket, { ttl: ttlMs, history: 1 })
  const status = await kv.status()
  if (status.ttl !== ttlMs) {
    await jsm.streams.update(status.streamInfo.config.name, { ...status.streamInfo.config, max_age: nanos(ttlMs) })
  }
  return {
    async get(key) {
      const e = await kv.get(encodeKvKey(key))
      if (!e || e.operation !== 'PUT') return null
      return { value: new Uint8Array(e.value), revision: e.revision }
    },
    async create(key, value) {
      try {
        return await kv.create(encodeKvKey(key), value)
      } catch (err) {
        if (isWrongRevision(err)) return null
        throw err
      }
    },
    async update(key, value, revision) {
      try {
        return await kv.update(encodeKvKey(key), value, revision)
      } catch (err) {
        if (isWrongRevision(err)) return null
        throw err
      }
    },
    put(key, value) {
      return kv.put(encodeKvKey(key), value)
    },
    async delete(key, revision) {
      try {
        await kv.delete(encodeKvKey(key), revision === undefined ? undefined : { previousSeq: revision })
        return true
      } catch (err) {
        if (isWrongRevision(err)) return false
        throw err
      }
    },
  }
}
