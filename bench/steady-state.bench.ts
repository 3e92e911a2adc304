/**
 * Steady-state benchmark: the per-event structures that expire old entries, measured once their
 * window is full against the same code with an (almost) empty window, in the same run. A cost that
 * grows with the window is what a long-running process at a steady rate would pay and a short
 * benchmark would not see. A bigger hash table costs more per operation by itself (cache misses),
 * so the connection map is also compared with a bare Map of the same size doing one set and one
 * delete per operation. Target: full window within 2x of the baseline.
 *  - in-process bus: publishing an event with its id (JetStream-style duplicate window of two
 *    minutes) after two minutes at 4,000 events/s, i.e. 480,000 ids in the window;
 *  - gateway: remembering the connection of a new session (cookie-less fallback) with 60,000 live
 *    connections (30 s session timeout at 2,000 new connections/s).
 */
import { randomUUID } from 'node:crypto'
import { createInProcessBus } from '@acs/bus'
import { sessionClosedV1 } from '@acs/contracts'
import { fixtureFor } from '@acs/contracts/testing'
import { ConnectionSessions } from '@acs/gateway'

const EVENTS_PER_SECOND = 4_000
const WINDOW_EVENTS = 2 * 60 * EVENTS_PER_SECOND
const MEASURED = 100_000

/** µs per publish of MEASURED events after `prefill` events (the clock advances at EVENTS_PER_SECOND). */
async function publishCost(prefill: number): Promise<number> {
  let seq = 0
  const bus = createInProcessBus({ now: () => Math.floor((seq * 1000) / EVENTS_PER_SECOND) })
  const template = fixtureFor(sessionClosedV1, { deviceId: 'bench-device' })
  const subject = sessionClosedV1.subject('bench-device')
  // Every event its own session: the session id is the event's idempotency key (a repeat is dropped).
  const publish = () => bus.publish(sessionClosedV1, subject, { ...template, eventId: randomUUID(), sessionId: randomUUID() }).then(() => void seq++)
  for (let i = 0; i < prefill; i++) {
    await publish()
    if (i % 100_000 === 0) process.stdout.write(`  filling the window: ${i.toLocaleString('en')} / ${prefill.toLocaleString('en')}\r`)
  }
  const t0 = performance.now()
  for (let i = 0; i < MEASURED; i++) await publish()
  const micros = ((performance.now() - t0) * 1000) / MEASURED
  await bus.close()
  return micros
}

/** µs per remember with `live` connections held (one new connection per ms, TTL = `live` ms). */
function rememberCost(live: number): number {
  const map = new ConnectionSessions<string>(live)
  const address = (k: number) => `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}:${7547 + (k % 1000)}`
  let k = 0
  for (; k < 2 * live; k++) map.remember(address(k), 's', k)
  const t0 = performance.now()
  for (let i = 0; i < MEASURED; i++, k++) map.remember(address(k), 's', k)
  return ((performance.now() - t0) * 1000) / MEASURED
}

/** µs per set + delete on a bare Map holding `live` entries: what any hash table that size costs. */
function bareMapCost(live: number): number {
  const map = new Map<string, string>()
  const address = (k: number) => `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}:${7547 + (k % 1000)}`
  let k = 0
  for (; k < live; k++) map.set(address(k), 's')
  const t0 = performance.now()
  for (let i = 0; i < MEASURED; i++, k++) {
    map.set(address(k), 's')
    map.delete(address(k - live))
  }
  return ((performance.now() - t0) * 1000) / MEASURED
}

const rows: [string, string, number, number][] = []
const emptyPublish = await publishCost(10_000)
const fullPublish = await publishCost(WINDOW_EVENTS)
rows.push([`in-process publish, ${WINDOW_EVENTS.toLocaleString('en')} ids in the duplicate window`, 'same, window empty', emptyPublish, fullPublish])
rememberCost(100) // warm-up
const bare = bareMapCost(60_000)
const fullRemember = rememberCost(60_000)
rows.push(['connection map remember, 60,000 live connections', 'bare Map set+delete, same size', bare, fullRemember])

process.stdout.write(`${' '.repeat(60)}\ncase                                                     baseline                          µs baseline  µs case  ratio  target <= 2\n`)
let missed = 0
for (const [name, baseline, base, full] of rows) {
  const ratio = full / base
  if (ratio > 2) missed++
  process.stdout.write(`${name.padEnd(57)}${baseline.padEnd(32)}${base.toFixed(2).padStart(12)}${full.toFixed(2).padStart(9)}${ratio.toFixed(2).padStart(7)}  ${ratio <= 2 ? 'met' : 'MISSED'}\n`)
}
process.stdout.write(missed === 0 ? 'all steady-state targets met\n' : `${missed} steady-state target(s) missed\n`)
