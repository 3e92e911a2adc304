/** Latency percentiles in milliseconds. */
export interface LatencySummary {
  p50: number
  p99: number
  max: number
}

/** Collects latency samples in a growable Float64Array; percentiles are exact (sorted at the end). */
export class LatencySamples {
  private data = new Float64Array(4096)
  private n = 0

  /** Records one sample in milliseconds. */
  add(ms: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.n++] = ms
  }

  /** Number of samples recorded. */
  get count(): number {
    return this.n
  }

  /**
   * p50, p99 and max of the samples recorded after the first `from` (default: all of them; zeros
   * when there are none), so one phase of a run can be summarised on its own.
   */
  summary(from = 0): LatencySummary {
    const n = this.n - Math.max(0, from)
    if (n <= 0) return { p50: 0, p99: 0, max: 0 }
    const sorted = this.data.slice(this.n - n, this.n).sort()
    const at = (q: number): number => round(sorted[Math.min(n - 1, Math.ceil(q * n) - 1)] ?? 0)
    return { p50: at(0.5), p99: at(0.99), max: round(sorted[n - 1] ?? 0) }
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000
}
