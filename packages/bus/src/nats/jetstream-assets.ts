import { JetStreamApiCodes, JetStreamApiError, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream'
import { Bucket, type Kvm } from '@nats-io/kv'
import { STREAMS } from '@acs/contracts'
import type { BusLogger } from '../logger.js'
import type { Namespace } from './namespace.js'
import { streamConfig } from './streams.js'

/** What a KV bucket is on the server: the stream `KV_<bucket>`. */
const bucketStream = (bucket: string) => `KV_${bucket}`
/** First pause before a check that could not reach JetStream runs again; doubles up to the interval. */
const FIRST_RETRY_MS = 1_000
/**
 * How long after a failed operation its check runs. Not at once: a stream an operator just deleted
 * may still be being removed from the server's disk, and nats-server 2.9 can lose the files of a
 * stream created again under the same name in that moment (seen in tests: a publish then fails with
 * "error opening msg block file"). It also spaces these checks out: one per second at most.
 */
const SUSPECT_DELAY_MS = 1_000

interface BucketAsset {
  ttlMs: number
  /** The stream's creation time when this process last saw it; another one means it was made again. */
  created: string
  resetListeners: Set<() => void>
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))
const isStreamNotFound = (err: unknown) => err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound

/** The server answered and refused a creation (as opposed to not answering at all). */
class Refused extends Error {}

/**
 * The streams and KV buckets this process uses, and their repair. A NATS server that restarts
 * without its JetStream storage (a pod without a persistent volume, a wiped disk) or an operator
 * who deletes a stream leaves every publish and KV operation failing until the asset exists again;
 * nothing else would create it before the next restart of this process.
 *
 * A check asks for each of this process's streams and buckets by name (a few small requests; never
 * a listing of the whole account, which other tenants may share) and creates the missing ones with
 * the settings this process opened them with. It also tells a bucket's listeners when the bucket's
 * stream is not the one this process saw (created again, here or by another process): revisions
 * start over in a new stream, so anything remembered by revision is stale.
 *
 * Checks run while connected: after each reconnect (a check started before it is abandoned: nats.js
 * drops what was queued while disconnected), on the bus's timer, and a second after an operation
 * failed (`suspect`). A check that cannot reach JetStream, or whose creation the server refused, is
 * retried after 1 s, then 2, 4... up to the interval; only a refused creation makes `problem` (and
 * so `ping`) fail.
 */
export class JetStreamAssets {
  private readonly buckets = new Map<string, BucketAsset>()
  private running: { epoch: number; promise: Promise<void> } | undefined
  private again = false
  private epoch = 0
  private connected = true
  private stopped = false
  private failure: Error | undefined
  private retryMs = FIRST_RETRY_MS
  private retryTimer: NodeJS.Timeout | undefined
  private suspectTimer: NodeJS.Timeout | undefined

  constructor(
    private readonly jsm: JetStreamManager,
    private readonly kvm: Kvm,
    private readonly ns: Namespace,
    private readonly logger: BusLogger,
    private readonly maxRetryMs: number,
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

  /** Why the last check could not create a missing stream or bucket (the server refused); undefined otherwise. */
  get problem(): Error | undefined {
    return this.failure
  }

  /** The connection went down or came back; coming back starts a check of its own. */
  connection(up: boolean): void {
    this.connected = up
    if (!up) return
    this.epoch++
    void this.check()
  }

  /** An operation failed in a way a lost stream or bucket explains: check in a second. */
  suspect(): void {
    if (this.suspectTimer !== undefined || this.stopped) return
    this.suspectTimer = setTimeout(() => {
      this.suspectTimer = undefined
      void this.check()
    }, SUSPECT_DELAY_MS)
    this.suspectTimer.unref()
  }

  /**
   * Creates what is missing. While disconnected or stopped it does nothing. A check asked for while
   * one of the same connection runs makes that one run again once it ends.
   */
  check(): Promise<void> {
    if (this.stopped || !this.connected) return Promise.resolve()
    if (this.running?.epoch === this.epoch) {
      this.again = true
      return this.running.promise
    }
    clearTimeout(this.retryTimer)
    const epoch = this.epoch
    const promise = this.run(epoch).finally(() => {
      if (this.running?.promise !== promise) return
      this.running = undefined
      if (this.again) {
        this.again = false
        void this.check()
      }
    })
    this.running = { epoch, promise }
    return promise
  }

  /** Ends the checks; a check still running is left to fail with the connection, silently. */
  stop(): void {
    this.stopped = true
    clearTimeout(this.retryTimer)
    clearTimeout(this.suspectTimer)
  }

  private async run(epoch: number): Promise<void> {
    const refused: string[] = []
    let unreachable: unknown
    const attempt = async (what: () => Promise<void>) => {
      if (unreachable !== undefined) return
      try {
        await what()
      } catch (err) {
        if (err instanceof Refused) refused.push(err.message)
        else unreachable = err
      }
    }
    for (const s of STREAMS) await attempt(() => this.ensureStream(streamConfig(this.ns, s)))
    for (const [name, asset] of this.buckets) await attempt(() => this.ensureBucket(name, asset))
    // Another connection's check, or a stopped bus: what this one learned is stale.
    if (this.stopped || epoch !== this.epoch) return
    if (unreachable !== undefined) {
      this.logger.warn({ err: messageOf(unreachable), retryMs: this.retryMs }, 'bus: could not check that the JetStream streams and KV buckets exist; retrying')
      this.retryLater()
      return
    }
    const before = this.failure
    this.failure = refused.length > 0 ? new Error(`JetStream refused to create again what it lost: ${refused.join('; ')}`) : undefined
    if (this.failure) {
      this.logger.error({ err: this.failure.message, retryMs: this.retryMs }, 'bus: a lost JetStream stream or KV bucket cannot be created again; sessions fail until it can (see the reason)')
      this.retryLater()
      return
    }
    this.retryMs = FIRST_RETRY_MS
    if (before) this.logger.info({}, 'bus: the lost JetStream streams and KV buckets exist again')
  }

  private retryLater(): void {
    this.retryTimer = setTimeout(() => void this.check(), this.retryMs)
    this.retryTimer.unref()
    this.retryMs = Math.min(this.retryMs * 2, this.maxRetryMs)
  }

  /** Creates the stream if the server does not have it. */
  private async ensureStream(config: Partial<StreamConfig> & { name: string }): Promise<void> {
    try {
      await this.jsm.streams.info(config.name)
      return
    } catch (err) {
      if (!isStreamNotFound(err)) throw err
    }
    await this.create(`stream ${config.name}`, () => this.jsm.streams.add(config))
    this.logger.warn({ stream: config.name }, 'bus: JetStream stream was missing (NATS lost its storage, or it was deleted): created it again; the events it held are gone')
  }

  /** Creates the bucket if the server does not have it, and tells its listeners if it is not the one this process saw. */
  private async ensureBucket(name: string, asset: BucketAsset): Promise<void> {
    let created: string
    try {
      created = (await this.jsm.streams.info(bucketStream(name))).created
    } catch (err) {
      if (!isStreamNotFound(err)) throw err
      await this.create(`KV bucket ${name}`, () => this.kvm.create(name, { ttl: asset.ttlMs, history: 1 }))
      this.logger.warn({ bucket: name }, 'bus: KV bucket was missing (NATS lost its storage, or it was deleted): created it again; the entries it held are gone')
      created = (await this.jsm.streams.info(bucketStream(name))).created
    }
    if (created === asset.created) return
    asset.created = created
    for (const listener of asset.resetListeners) listener()
  }

  /** Runs a creation; a refusal by the server becomes Refused, anything else (no answer) passes through. */
  private async create(what: string, creation: () => Promise<unknown>): Promise<void> {
    try {
      await creation()
    } catch (err) {
      if (err instanceof JetStreamApiError) throw new Refused(`${what}: ${err.message}`)
      throw err
    }
  }
}
