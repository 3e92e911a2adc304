import { JetStreamApiError, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream'
import { nanos } from '@nats-io/transport-node'
import { STREAMS } from '@acs/contracts'
import type { Namespace } from './namespace.js'

/** JetStream's duplicate window: a repeated Nats-Msg-Id within it is acknowledged but not stored. */
export const DUPLICATE_WINDOW_MS = 2 * 60_000

const STREAM_NAME_IN_USE = 10058

/** One stream of the catalog as this bus configures it. */
export function streamConfig(ns: Namespace, s: (typeof STREAMS)[number]): Partial<StreamConfig> & { name: string } {
  return {
    name: ns.name(s.name),
    subjects: s.subjects.map((subject) => ns.subject(subject)),
    storage: StorageType.File,
    retention: s.workQueue ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    max_age: nanos(s.maxAgeMs),
    duplicate_window: nanos(Math.min(DUPLICATE_WINDOW_MS, s.maxAgeMs)),
  }
}

/**
 * Creates every stream of the catalog, or updates it to the catalog's settings if it exists.
 * Safe to run from many processes at once: creating an identical stream is a no-op on the server.
 */
export async function ensureStreams(jsm: JetStreamManager, ns: Namespace): Promise<void> {
  for (const s of STREAMS) {
    const config = streamConfig(ns, s)
    try {
      await jsm.streams.add(config)
    } catch (err) {
      if (!(err instanceof JetStreamApiError) || err.code !== STREAM_NAME_IN_USE) {
        throw new Error(`cannot create stream ${config.name}: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
      }
      try {
        await jsm.streams.update(config.name, config)
      } catch (updateErr) {
        const reason = updateErr instanceof Error ? updateErr.message : String(updateErr)
        throw new Error(`stream ${config.name} exists with settings that cannot be changed in place: ${reason}`, { cause: updateErr })
      }
    }
  }
}
