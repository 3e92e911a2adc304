/** A server the process cannot serve without, and how to ask whether it answers. */
export interface ReadinessDependency {
  /** Named in the log and in the reason (e.g. 'bus', 'store'). */
  name: string
  /** Rejects when the server does not answer within `timeoutMs`. */
  ping: (timeoutMs: number) => Promise<void>
}

/** The dependencies of a process whose connections answer `ping` (its bus, its store), by name. */
export function pingDependencies(targets: Record<string, { ping(timeoutMs: number): Promise<void> }>): ReadinessDependency[] {
  return Object.entries(targets).map(([name, target]) => ({ name, ping: (timeoutMs) => target.ping(timeoutMs) }))
}

/** How a readiness monitor watches its dependencies. */
export interface ReadinessMonitorOptions {
  dependencies: readonly ReadinessDependency[]
  /** How often each dependency is pinged; one ping per dependency at a time. Default 2 s. */
  intervalMs?: number
  /** A dependency with no answer for this long makes the process not ready. Default 10 s. */
  unreachableAfterMs?: number
  logger: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void }
  /** Monotonic milliseconds (tests inject a clock). */
  now?: () => number
}

interface Watched {
  dependency: ReadinessDependency
  lastAnswerAt: number
  lastError: string | undefined
  pinging: boolean
}

/**
 * Whether the servers a process needs answer, for its /readyz. It tells unreachable from slow:
 * each dependency is pinged in the background, and it counts as down only after it has not
 * answered for `unreachableAfterMs`. A store slowed down by load (every replica of a deployment
 * shares it) therefore leaves the replicas ready, where a probe with a short deadline would take
 * them all out of the load balancer at once; a replica that lost its connection leaves within
 * that time. A probe reads the last state: it starts no work, however often it is called.
 */
export class ReadinessMonitor {
  private readonly intervalMs: number
  private readonly unreachableAfterMs: number
  private readonly now: () => number
  private readonly watched: Watched[]
  private timer: NodeJS.Timeout | undefined
  private reported: string | null = null

  constructor(private readonly options: ReadinessMonitorOptions) {
    this.intervalMs = options.intervalMs ?? 2_000
    this.unreachableAfterMs = options.unreachableAfterMs ?? 10_000
    this.now = options.now ?? (() => performance.now())
    this.watched = options.dependencies.map((dependency) => ({ dependency, lastAnswerAt: 0, lastError: undefined, pinging: false }))
  }

  /** Starts pinging; the dependencies count as answering now (their connections were just opened). */
  start(): void {
    if (this.timer) return
    const t = this.now()
    for (const w of this.watched) w.lastAnswerAt = t
    this.timer = setInterval(() => this.tick(), this.intervalMs)
    this.timer.unref()
    this.tick()
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  /** Null while every dependency answered within `unreachableAfterMs`; otherwise why not. */
  problem(): string | null {
    if (!this.timer) return 'not started'
    const t = this.now()
    const down = this.watched.filter((w) => t - w.lastAnswerAt > this.unreachableAfterMs)
    if (down.length === 0) return null
    return down
      .map((w) => `${w.dependency.name} has not answered for ${Math.round((t - w.lastAnswerAt) / 1000)} s${w.lastError ? ` (${w.lastError})` : ''}`)
      .join('; ')
  }

  ready(): boolean {
    return this.problem() === null
  }

  private tick(): void {
    for (const w of this.watched) {
      if (w.pinging) continue
      w.pinging = true
      w.dependency.ping(this.unreachableAfterMs).then(
        () => {
          w.lastAnswerAt = this.now()
          w.lastError = undefined
        },
        (err: unknown) => {
          w.lastError = err instanceof Error ? err.message : String(err)
        },
      ).finally(() => {
        w.pinging = false
        this.report()
      })
    }
    this.report()
  }

  /** Logs each change of state once: a warning when a dependency stops answering, info when all answer again. */
  private report(): void {
    if (!this.timer) return
    const problem = this.problem()
    if ((problem === null) === (this.reported === null)) return
    if (problem !== null) this.options.logger.warn({ problem }, 'not ready: a server this process needs does not answer')
    else this.options.logger.info({ was: this.reported }, 'ready again: every server this process needs answers')
    this.reported = problem
  }
}
