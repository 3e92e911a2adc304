import { createInProcessBus, type Bus, type KvBucket } from '@acs/bus'

/** A KV bucket that a test can "lose on the server": `reset()` swaps in an empty one and tells the listeners. */
export interface ResettableBucket {
  bucket: KvBucket
  /** The bucket behind, as it is now (fill it as another process would). */
  current(): KvBucket
  /** Swaps in an empty bucket, lets `prepare` write to it (as other processes would), then tells the listeners. */
  reset(prepare?: (fresh: KvBucket) => Promise<void>): Promise<void>
  /** An in-process bus whose every `kv()` is this bucket. */
  bus(): Bus
}

export async function resettableBucket(ttlMs: number, now: () => number = Date.now): Promise<ResettableBucket> {
  const fresh = () => createInProcessBus({ now }).kv('resettable', { ttlMs })
  let inner = await fresh()
  const listeners = new Set<() => void>()
  const bucket: KvBucket = {
    get: (key) => inner.get(key),
    create: (key, value) => inner.create(key, value),
    update: (key, value, revision) => inner.update(key, value, revision),
    put: (key, value) => inner.put(key, value),
    delete: (key, revision) => inner.delete(key, revision),
    onReset: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
  }
  return {
    bucket,
    current: () => inner,
    async reset(prepare) {
      const next = await fresh()
      await prepare?.(next)
      inner = next
      for (const listener of listeners) listener()
    },
    bus: () => ({ ...createInProcessBus({ now }), kv: async () => bucket }),
  }
}
