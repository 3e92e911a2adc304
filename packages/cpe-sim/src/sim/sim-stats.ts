import { LatencySamples, type LatencySummary } from '../load/latency-samples.js'

/** Counters of a simulator run, readable at any time. */
export class SimStats {
  sessionsOk = 0
  sessionsFailed = 0
  sessionsActive = 0
  readonly failures = new Map<string, number>()
  readonly events = new Map<string, number>()
  readonly rpcs = new Map<string, number>()
  /** CWMP faults the simulated CPEs answered, by code. */
  readonly faults = new Map<number, number>()
  readonly connectionRequests = new Map<string, number>()
  readonly transfers = new Map<string, number>()
  readonly latency = new LatencySamples()

  /** Adds one to a counter of a map. */
  static bump<K>(map: Map<K, number>, key: K, by = 1): void {
    map.set(key, (map.get(key) ?? 0) + by)
  }

  /** Total ACS requests answered. */
  get rpcTotal(): number {
    let n = 0
    for (const v of this.rpcs.values()) n += v
    return n
  }

  /** A plain-object snapshot for printing or JSON. */
  snapshot(): SimStatsSnapshot {
    return {
      sessionsOk: this.sessionsOk,
      sessionsFailed: this.sessionsFailed,
      sessionsActive: this.sessionsActive,
      failures: Object.fromEntries(this.failures),
      events: Object.fromEntries(this.events),
      rpcs: Object.fromEntries(this.rpcs),
      faults: Object.fromEntries(this.faults),
      connectionRequests: Object.fromEntries(this.connectionRequests),
      transfers: Object.fromEntries(this.transfers),
      latencyMs: this.latency.summary(),
    }
  }
}

/** What {@link SimStats.snapshot} returns. */
export interface SimStatsSnapshot {
  sessionsOk: number
  sessionsFailed: number
  sessionsActive: number
  failures: Record<string, number>
  events: Record<string, number>
  rpcs: Record<string, number>
  faults: Record<string, number>
  connectionRequests: Record<string, number>
  transfers: Record<string, number>
  latencyMs: LatencySummary
}
