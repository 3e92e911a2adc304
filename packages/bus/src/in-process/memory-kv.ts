import type { KvBucket, KvEntry } from '../bus.js'

interface Stored {
  value: Uint8Array
  revision: number
  writtenAt: number
}

/**
 * A copy of `bytes` (values are copied in and out, as over the wire), as a plain Uint8Array like
 * NATS returns. Buffer.from copies small values into node's shared pool; Uint8Array#slice
 * allocated an ArrayBuffer each (~1 µs).
 */
function copyOf(bytes: Uint8Array): Uint8Array {
  const copy = Buffer.from(bytes)
  return new Uint8Array(copy.buffer, copy.byteOffset, copy.byteLength)
}

/**
 * An in-memory KV bucket with NATS KV semantics: revisions from one bucket-wide sequence, entries
 * expiring `ttlMs` after their last write (checked against the injected clock on every access),
 * create/update/delete as compare-and-set. Single-threaded, so each call is atomic.
 */
export class MemoryKvBucket implements KvBucket {
  private readonly entries = new Map<string, Stored>()
  private seq = 0

  constructor(
    public ttlMs: number,
    private readonly now: () => number,
  ) {}

  async get(key: string): Promise<KvEntry | null> {
    const e = this.live(key)
    return e ? { value: copyOf(e.value), revision: e.revision } : null
  }

  async create(key: string, value: Uint8Array): Promise<number | null> {
    return this.live(key) ? null : this.write(key, value)
  }

  async update(key: string, value: Uint8Array, revision: number): Promise<number | null> {
    return this.live(key)?.revision === revision ? this.write(key, value) : null
  }

  async put(key: string, value: Uint8Array): Promise<number> {
    return this.write(key, value)
  }

  async delete(key: string, revision?: number): Promise<boolean> {
    const e = this.live(key)
    if (revision !== undefined && e?.revision !== revision) return false
    this.entries.delete(key)
    this.seq++
    return true
  }

  /** Memory is lost only with the process, and the bucket with it: never reset. */
  onReset(): () => void {
    return () => {}
  }

  private live(key: string): Stored | undefined {
    if (key.length === 0) throw new Error('KV key must not be empty')
    const e = this.entries.get(key)
    if (e && this.now() - e.writtenAt >= this.ttlMs) {
      this.entries.delete(key)
      return undefined
    }
    return e
  }

  private write(key: string, value: Uint8Array): number {
    if (key.length === 0) throw new Error('KV key must not be empty')
    const revision = ++this.seq
    this.entries.set(key, { value: copyOf(value), revision, writtenAt: this.now() })
    this.sweep()
    return revision
  }

  /** Drops expired entries now and then, so keys written once and never read do not pile up. */
  private sweep(): void {
    if (this.seq % 1024 !== 0) return
    const now = this.now()
    for (const [key, e] of this.entries) if (now - e.writtenAt >= this.ttlMs) this.entries.delete(key)
  }
}
