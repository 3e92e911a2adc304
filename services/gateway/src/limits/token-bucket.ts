interface Bucket {
  tokens: number
  at: number
}

/**
 * Per-key token buckets in this replica's memory (flood protection, not accounting: a client
 * spread over replicas gets `ratePerSecond` from each). Rate 0 disables the limit.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()
  private readonly burst: number

  constructor(
    private readonly ratePerSecond: number,
    private readonly maxKeys = 100_000,
  ) {
    this.burst = Math.max(1, ratePerSecond * 2)
  }

  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string, nowMs: number): boolean {
    if (this.ratePerSecond <= 0) return true
    let b = this.buckets.get(key)
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.sweep(nowMs)
      b = { tokens: this.burst, at: nowMs }
      this.buckets.set(key, b)
    } else {
      b.tokens = Math.min(this.burst, b.tokens + ((nowMs - b.at) / 1000) * this.ratePerSecond)
      b.at = nowMs
    }
    if (b.tokens < 1) return false
    b.tokens -= 1
    return true
  }

  /** Seconds until `key` has a token again (for Retry-After). */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(1 / Math.max(this.ratePerSecond, 1e-3)))
  }

  /** Forgets buckets that are full again (idle keys); all of them if memory is still over the cap. */
  sweep(nowMs: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((nowMs - b.at) / 1000) * this.ratePerSecond >= this.burst) this.buckets.delete(key)
    }
    if (this.buckets.size >= this.maxKeys) this.buckets.clear()
  }
}
