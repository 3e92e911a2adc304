import { JetStreamApiCodes, JetStreamApiError, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream'
import { Empty, headers, nanos } from '@nats-io/transport-node'
import type { KvBucket } from '../bus.js'
import { encodeKvKey } from '../kv-key.js'
import type { JetStreamAssets } from './jetstream-assets.js'
import { KvDeleteMarkers } from './kv-delete-markers.js'

/** The header that makes a KV message a delete marker (the KV protocol's, as nats.js writes it). */
const KV_OPERATION = 'KV-Operation'

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
 * Deletes are published here rather than by nats.js, whose delete does not return the marker's
 * sequence: with it, creating the key again (a device's next session) is one round trip, not three.
 * A bucket lost on the server is created again by `assets` (see JetStreamAssets); its remembered
 * markers are dropped then, as their sequences belonged to the old stream.
 */
export async function openNatsKv(assets: JetStreamAssets, jsm: JetStreamManager, js: JetStreamClient, bucket: string, ttlMs: number): Promise<KvBucket> {
  if (!/^[-\w]+$/.test(bucket)) throw new Error(`invalid KV bucket name ${JSON.stringify(bucket)}: use [A-Za-z0-9_-]`)
  const kv = await assets.bucket(bucket, ttlMs)
  const markers = new KvDeleteMarkers(ttlMs)
  assets.onReset(bucket, () => markers.clear())
  const status = await kv.status()
  if (status.ttl !== ttlMs) {
    await jsm.streams.update(status.streamInfo.config.name, { ...status.streamInfo.config, max_age: nanos(ttlMs) })
  }
  // A failure that a lost bucket would explain (timeouts, no responders) has the assets checked soon.
  const failed = (err: unknown): unknown => {
    assets.suspect()
    return err
  }
  return {
    async get(key) {
      let e
      try {
        e = await kv.get(encodeKvKey(key))
      } catch (err) {
        throw failed(err)
      }
      if (!e || e.operation !== 'PUT') return null
      return { value: new Uint8Array(e.value), revision: e.revision }
    },
    async create(key, value) {
      const k = encodeKvKey(key)
      const marker = markers.take(k, Date.now())
      if (marker !== undefined) {
        // Succeeds only while the marker this process wrote is still the key's last message.
        try {
          return await kv.update(k, value, marker)
        } catch (err) {
          if (!isWrongRevision(err)) throw failed(err)
        }
      }
      try {
        return await kv.create(k, value)
      } catch (err) {
        if (isWrongRevision(err)) return null
        throw failed(err)
      }
    },
    async update(key, value, revision) {
      try {
        return await kv.update(encodeKvKey(key), value, revision)
      } catch (err) {
        if (isWrongRevision(err)) return null
        throw failed(err)
      }
    },
    async put(key, value) {
      try {
        return await kv.put(encodeKvKey(key), value)
      } catch (err) {
        throw failed(err)
      }
    },
    async delete(key, revision) {
      const k = encodeKvKey(key)
      const h = headers()
      h.set(KV_OPERATION, 'DEL')
      try {
        // As nats.js did: no revision (or 0) deletes whatever is there.
        const ack = await js.publish(kv.subjectForKey(k, true), Empty, { headers: h, ...(revision ? { expect: { lastSubjectSequence: revision } } : {}) })
        markers.remember(k, ack.seq, Date.now())
        return true
      } catch (err) {
        if (isWrongRevision(err)) return false
        throw failed(err)
      }
    },
    onReset: (listener) => assets.onReset(bucket, listener),
  }
}
