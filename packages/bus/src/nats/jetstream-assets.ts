import { JetStreamApiCodes, JetStreamApiError, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream'
import { Bucket, type Kvm } from '@nats-io/kv'
import { STREAMS } from '@acs/contracts'
import type { BusLogger } from '../logger.js'
import type { Namespace } from './namespace.js'
import { streamConfig } from './streams.js'

/** What a KV bucket is on the server: the stream `KV_<bucket>`. */
const bucketStream = (bucket: string) => `KV_${bucket}`
/** First pause before a check that failed runs again; doubles up to MAX_RETRY_MS (or the interval). */
const FIRST_RETRY_MS = 1_000
const MAX_RETRY_MS = 8_000
/**
 * How long after a failed operation its check runs. Not at once: a stream an operator just deleted
 * may still be being removed from the server's disk, and nats-server 2.9 can lose the files of a
 * stream created again under the same name in that moment (seen once in tests: a publish then
 * failed with "error opening msg block file"). Best effort: the timer and another replica may still
 * create it at once.
 */
const SUSPECT_DELAY_MS = 1_000
/** After a check found everything in place, failed operations do not ask for another one for this long. */
const SUSPECT_QUIET_MS = 5_000

interface BucketAsset {
  ttlMs: number
  /** The stream's creation time when this process last saw it; another one means it was made again. */
  created: string
  resetListeners: Set<() => void>
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))
const isStreamNotFound = (err: unknown) => err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound

/** The server answered and refused a creation (as opposed to not answering, or being unavailable). */
class Refused extends Error {
  constructor(
    readonly asset: string,
    message: string,
  ) {
    super(`${asset}: ${message}`)
  }
}

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
 * retried after 1 s, then 2, 4, 8 s (at most the interval); the timer and failed operations wait for
 * that retry. Only a creation refused on two checks in a row makes `problem` (and so `ping`) fail:
 * one refusal may be the server still cleaning up a deletion.
 */
export class JetStreamAssets {
  private readonly buckets = new Map<string, BucketAsset>()
  private readonly maxRetryMs: number
  private running: { epoch: number; promise: Promise<void> } | undefined
  private again = false
  private epoch = 0
  private connected = true
  private stopped = false
  private failure: Error | undefined
  /** Assets the last check saw refused: a refusal counts as a problem only on two checks in a row. */
  private refusedLastTime = new Set<string>()
  private retryMs = FIRST_RETRY_MS
  private retryTimer: NodeJS.Timeout | undefined
  private suspectTimer: NodeJS.Timeout | undefined
  private lastCleanAt = Number.NEGATIVE_INFINITY

  constructor(
    private readonly jsm: JetStreamManager,
    private readonly kvm: Kvm,
    private readonly ns: Namespace,
    private readonly logger: BusLogger,
    intervalMs: number,
  ) {
    this.maxRetryMs = Math.min(intervalMs, MAX_RETRY_MS)
  }

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

  /** The connection went down or came back; coming back starts a check of its own, with a fresh backoff. */
  connection(up: boolean): void {
    if (up === this.connected) return
    this.connected = up
    if (!up) return
    this.epoch++
    this.retryMs = FIRST_RETRY_MS
    this.clearRetry()
    void this.check()
  }

  /**
   * An operation failed in a way a lost stream or bucket explains: check in a second. Not while a
   * retry is pending (its backoff stands) nor within a few seconds of a check that found all in place.
   */
  suspect(): void {
    if (this.stopped || this.suspectTimer !== undefined || this.retryTimer !== undefined) return
    if (Date.now() - this.lastCleanAt < SUSPECT_QUIET_MS) return
    this.suspectTimer = setTimeout(() => {
      this.suspectTimer = undefined
      void this.check()
    }, SUSPECT_DELAY_MS)
    this.suspectTimer.unref()
  }

  /** The periodic check; skipped while a retry is pending. */
  tick(): void {
    if (this.retryTimer === undefined) void this.check()
  }

  /**
   * Creates what is missing. While disconnected or stopped it does nothing. A check asked for while
   * one of the same connection runs makes that one run again once it ends (unless it failed: its
   * retry comes after the backoff).
   */
  check(): Promise<void> {
    if (this.stopped || !this.connected) return Promise.resolve()
    if (this.running?.epoch === this.epoch) {
      this.again = true
      return this.running.promise
    }
    this.clearRetry()
    const epoch = this.epoch
    const promise = this.run(epoch).finally(() => {
      if (this.running?.promise !== promise) return
      this.running = undefined
      const again = this.again
      this.again = false
      if (again && this.retryTimer === undefined) void this.check()
    })
    this.running = { epoch, promise }
    return promise
  }

  /** Ends the checks; a check still running is left to fail with the connection, silently. */
  stop(): void {
    this.stopped = true
    this.clearRetry()
    clearTimeout(this.suspectTimer)
  }

  private async run(epoch: number): Promise<void> {
    const refused = new Map<string, string>()
    let unreachable: unknown
    const attempt = async (what: () => Promise<void>) => {
      if (unreachable !== undefined) return
      try {
        await what()
      } catch (err) {
        if (err instanceof Refused) refused.set(err.asset, err.message)
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
    const lasting = [...refused].filter(([asset]) => this.refusedLastTime.has(asset)).map(([, message]) => message)
    this.refusedLastTime = new Set(refused.keys())
    const before = this.failure
    this.failure = lasting.length > 0 ? new Error(`JetStream refused to create again what it lost: ${lasting.join('; ')}`) : undefined
    if (refused.size > 0) {
      const fields = { err: [...refused.values()].join('; '), retryMs: this.retryMs }
      if (this.failure && !before) this.logger.error(fields, 'bus: a lost JetStream stream or KV bucket cannot be created again; sessions fail until it can (see the reason)')
      else if (!this.failure) this.logger.warn(fields, 'bus: JetStream refused to create a lost stream or KV bucket; retrying')
      else this.logger.debug(fields, 'bus: JetStream still refuses to create a lost stream or KV bucket')
      this.retryLater()
      return
    }
    this.retryMs = FIRST_RETRY_MS
    this.lastCleanAt = Date.now()
    if (before) this.logger.info({}, 'bus: the lost JetStream streams and KV buckets exist again')
  }

  private retryLater(): void {
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined
      void this.check()
    }, this.retryMs)
    this.retryTimer.unref()
    this.retryMs = Math.min(this.retryMs * 2, this.maxRetryMs)
  }

  private clearRetry(): void {
    clearTimeout(this.retryTimer)
    this.retryTimer = undefined
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

  /**
   * Runs a creation; a refusal by the server becomes Refused. Anything else passes through as "not
   * reachable": no answer, and a 503 (JetStream temporarily unavailable, a cluster electing a leader).
   */
  private async create(what: string, creation: () => Promise<unknown>): Promise<void> {
    try {
      await creation()
    } catch (err) {
      if (err instanceof JetStreamApiError && err.status !== 503) throw new Refused(what, err.message)
      throw err
    }
  }
}
