import type { JetStreamManager } from '@nats-io/jetstream'
import { Bucket, type Kvm } from '@nats-io/kv'
import { STREAMS } from '@acs/contracts'
import type { BusLogger } from '../logger.js'
import type { Namespace } from './namespace.js'
import { streamConfig } from './streams.js'

/** What a KV bucket is on the server: the stream `KV_<bucket>`. */
const bucketStream = (bucket: string) => `KV_${bucket}`

interface BucketAsset {
  ttlMs: number
  /** The stream's creation time when this process last saw it; another one means it was made again. */
  created: string
  resetListeners: Set<() => void>
}

/**
 * The streams and KV buckets this process uses, and their repair. A NATS server that restarts
 * without its JetStream storage (a pod without a persistent volume, a wiped disk) or an operator
 * who deletes a stream leaves every publish and KV operation failing until the asset exists again;
 * nothing else would create it before the next restart of this process. `check()` lists the
 * server's streams in one request and creates the missing ones with the settings this process
 * opened them with. It also tells each bucket's listeners when the bucket's stream is not the one
 * this process saw (created again, here or by another process): revisions start over in a new
 * stream, so anything remembered by revision is stale.
 */
export class JetStreamAssets {
  private readonly buckets = new Map<string, BucketAsset>()
  private checking: Promise<void> | undefined
  private failure: Error | undefined
  private stopped = false

  constructor(
    private readonly jsm: JetStreamManager,
    private readonly kvm: Kvm,
    private readonly ns: Namespace,
    private readonly logger: BusLogger,
  ) {}

  /** Opens (creating if needed) a bucket whose entries expire `ttlMs` after their last write, and keeps it. */
  async bucket(name: string, ttlMs: number): Promise<Bucket> {
    const kv = await this.kvm.create(name, { ttl: ttlMs, history: 1 })
    if (!(kv instanceof Bucket)) throw new Error(`KV bucket ${name}: @nats-io/kv returned an unexpected implementation; check its version`)
    const info = await this.jsm.streams.info(bucketStream(name))
    const known = this.buckets.get(name)
    if (known) known.ttlMs = ttlMs
    else this.buckets.set(name, { ttlMs, created: info.created, resetListeners: new Set() })
    return kv
  }

  /** Calls `listener` whenever the bucket turns out to have been created again; returns the unsubscribe. */
  onReset(bucket: string, listener: () => void): () => void {
    const asset = this.buckets.get(bucket)
    if (!asset) throw new Error(`KV bucket ${bucket} is not open`)
    asset.resetListeners.add(listener)
    return () => asset.resetListeners.delete(listener)
  }

  /** Why the last check could not create a missing stream or bucket; undefined while all exist. */
  get problem(): Error | undefined {
    return this.failure
  }

  /** Creates what is missing. One check at a time: a check asked for while one runs joins it. */
  check(): Promise<void> {
    return (this.checking ??= this.run().finally(() => {
      this.checking = undefined
    }))
  }

  /** Ends the checks: a check still running finishes without logging. */
  async stop(): Promise<void> {
    this.stopped = true
    await this.checking
  }

  private async run(): Promise<void> {
    try {
      const created = new Map<string, string>()
      for await (const info of this.jsm.streams.list()) created.set(info.config.name, info.created)
      for (const s of STREAMS) {
        const config = streamConfig(this.ns, s)
        if (created.has(config.name)) continue
        await this.jsm.streams.add(config)
        this.logger.warn({ stream: config.name }, 'bus: JetStream stream was missing (NATS lost its storage, or it was deleted): created it again; the events it held are gone')
      }
      for (const [name, asset] of this.buckets) {
        let seen = created.get(bucketStream(name))
        if (seen === undefined) {
          await this.kvm.create(name, { ttl: asset.ttlMs, history: 1 })
          seen = (await this.jsm.streams.info(bucketStream(name))).created
          this.logger.warn({ bucket: name }, 'bus: KV bucket was missing (NATS lost its storage, or it was deleted): created it again; the entries it held are gone')
        }
        if (seen !== asset.created) {
          asset.created = seen
          for (const listener of asset.resetListeners) listener()
        }
      }
      this.failure = undefined
    } catch (err) {
      if (this.stopped) return
      this.failure = new Error(`JetStream streams or KV buckets are missing and could not be created again: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
      this.logger.error({ err: String(err) }, 'bus: could not check or create JetStream streams and KV buckets; retrying')
    }
  }
}
