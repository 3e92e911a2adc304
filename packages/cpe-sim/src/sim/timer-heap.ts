/** A scheduled task; `cancel()` makes it a no-op (removed lazily). */
export interface TimerHandle {
  readonly at: number
  cancel(): void
}

interface Entry extends TimerHandle {
  readonly seq: number
  readonly task: () => void
  cancelled: boolean
}

/**
 * Many timers on one Node timer: a binary min-heap ordered by due time (then insertion order),
 * with a single setTimeout armed for the earliest entry. Ten thousand devices each with a
 * periodic inform cost one heap of small entries instead of ten thousand timers.
 */
export class TimerHeap {
  private heap: Entry[] = []
  private seq = 0
  private timer: NodeJS.Timeout | undefined
  private armedFor = Infinity
  private stopped = false

  constructor(private readonly now: () => number = Date.now) {}

  /** Runs `task` at `at` (ms since the epoch, by this heap's clock). */
  schedule(at: number, task: () => void): TimerHandle {
    const entry: Entry = {
      at,
      seq: this.seq++,
      task,
      cancelled: false,
      cancel() {
        entry.cancelled = true
      },
    }
    this.push(entry)
    this.arm()
    return entry
  }

  /** Number of entries (cancelled ones included until they surface). */
  get size(): number {
    return this.heap.length
  }

  /** Runs every task due at or before `now` (used by the timer and by tests that drive time). */
  runDue(now = this.now()): number {
    let ran = 0
    while (this.heap.length > 0 && (this.heap[0] as Entry).at <= now) {
      const e = this.pop() as Entry
      if (e.cancelled) continue
      ran++
      e.task()
    }
    return ran
  }

  /** Stops the timer; pending tasks never run. */
  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    this.heap = []
  }

  private arm(): void {
    if (this.stopped || this.heap.length === 0) return
    const next = (this.heap[0] as Entry).at
    if (this.timer && next >= this.armedFor) return
    if (this.timer) clearTimeout(this.timer)
    this.armedFor = next
    // Node timers cap at ~24.8 days; longer waits re-arm.
    const wait = Math.min(Math.max(0, next - this.now()), 2 ** 31 - 1)
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.armedFor = Infinity
      this.runDue()
      this.arm()
    }, wait)
  }

  private less(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq)
  }

  private push(e: Entry): void {
    const h = this.heap
    h.push(e)
    let i = h.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(h[i] as Entry, h[parent] as Entry)) break
      ;[h[i], h[parent]] = [h[parent] as Entry, h[i] as Entry]
      i = parent
    }
  }

  private pop(): Entry | undefined {
    const h = this.heap
    const top = h[0]
    const last = h.pop()
    if (h.length > 0 && last) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && this.less(h[l] as Entry, h[m] as Entry)) m = l
        if (r < h.length && this.less(h[r] as Entry, h[m] as Entry)) m = r
        if (m === i) break
        ;[h[i], h[m]] = [h[m] as Entry, h[i] as Entry]
        i = m
      }
    }
    return top
  }
}
