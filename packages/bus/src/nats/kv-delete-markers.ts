/** Past this many keys in one generation, the memo rotates early: memory stays bounded at any delete rate. */
const PER_GENERATION = 20_000

interface Marker {
  seq: number
  at: number
}

/**
 * The stream sequence of the delete markers this process wrote, per key, while the bucket still
 * keeps them (its max_age). Creating a key over a delete marker takes nats.js three round trips
 * (a create that fails on the marker, a get of the marker, an update on its sequence); knowing the
 * sequence, one update does it. A key found here is only a first guess: the update fails if
 * anything wrote the key since, and the caller then creates it the usual way.
 *
 * Two generations of maps, the older dropped whole when the newer is a max_age old (or full).
 */
export class KvDeleteMarkers {
  private current = new Map<string, Marker>()
  private previous = new Map<string, Marker>()
  private currentSince = Number.NEGATIVE_INFINITY

  constructor(
    private readonly maxAgeMs: number,
    private readonly perGeneration = PER_GENERATION,
  ) {}

  /** This process deleted `key`; the marker is message `seq` of the bucket's stream. */
  remember(key: string, seq: number, nowMs: number): void {
    if (nowMs - this.currentSince >= this.maxAgeMs || this.current.size >= this.perGeneration) {
      this.previous = this.current
      this.current = new Map()
      this.currentSince = nowMs
    }
    this.previous.delete(key)
    this.current.set(key, { seq, at: nowMs })
  }

  /** The sequence of the key's marker if this process wrote one the bucket still keeps; forgets it. */
  take(key: string, nowMs: number): number | undefined {
    const marker = this.current.get(key) ?? this.previous.get(key)
    if (marker === undefined) return undefined
    this.current.delete(key)
    this.previous.delete(key)
    return nowMs - marker.at < this.maxAgeMs ? marker.seq : undefined
  }

  /** Forgets every marker: the bucket's stream was created again, and its sequences start over. */
  clear(): void {
    this.current = new Map()
    this.previous = new Map()
  }

  /** Keys remembered (both generations). */
  get size(): number {
    return this.current.size + this.previous.size
  }
}
