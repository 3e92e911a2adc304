import type { SimStatsSnapshot } from '../sim/sim-stats.js'

/** One progress line: sessions done/failed, RPCs, and the session rate since the previous line. */
export function progressLine(elapsedSeconds: number, s: SimStatsSnapshot, sessionsPerSecond: number): string {
  const rpcs = Object.values(s.rpcs).reduce((a, b) => a + b, 0)
  return (
    `[${elapsedSeconds.toFixed(0).padStart(5)}s] sessions ${s.sessionsOk} ok, ${s.sessionsFailed} failed, ${s.sessionsActive} active | ` +
    `rpcs ${rpcs} | ${sessionsPerSecond.toFixed(1)} sessions/s`
  )
}

/** The end-of-run summary as text. */
export function summaryText(elapsedSeconds: number, devices: number, s: SimStatsSnapshot): string {
  const lines = [
    `cpe-sim summary: ${devices} devices, ${elapsedSeconds.toFixed(1)} s`,
    `  sessions: ${s.sessionsOk} ok, ${s.sessionsFailed} failed (${(s.sessionsOk / Math.max(elapsedSeconds, 0.001)).toFixed(1)}/s)`,
    `  session latency ms: p50 ${s.latencyMs.p50}, p99 ${s.latencyMs.p99}, max ${s.latencyMs.max}`,
  ]
  const section = (title: string, rec: Record<string, number>): void => {
    const entries = Object.entries(rec).sort((a, b) => b[1] - a[1])
    lines.push(`  ${title}:${entries.length === 0 ? ' none' : ''}`)
    for (const [k, n] of entries) lines.push(`    ${k}: ${n}`)
  }
  section('failures', s.failures)
  section('inform events', s.events)
  section('RPCs from the ACS', s.rpcs)
  section('faults answered (by code)', s.faults)
  section('connection requests', s.connectionRequests)
  section('transfers', s.transfers)
  return lines.join('\n')
}
