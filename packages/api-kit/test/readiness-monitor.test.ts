import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ReadinessMonitor, type ReadinessDependency } from '../src/health.js'

/** A dependency whose pings the test settles by hand. */
function controlled(name: string) {
  const pending: { resolve: () => void; reject: (err: Error) => void; timeoutMs: number }[] = []
  const dependency: ReadinessDependency = {
    name,
    ping: (timeoutMs) => new Promise<void>((resolve, reject) => pending.push({ resolve, reject, timeoutMs })),
  }
  return { dependency, pending, answer: () => pending.splice(0).forEach((p) => p.resolve()), fail: (msg: string) => pending.splice(0).forEach((p) => p.reject(new Error(msg))) }
}

function logs() {
  const lines: { level: 'warn' | 'info'; obj: object; msg: string }[] = []
  return { lines, logger: { warn: (obj: object, msg: string) => lines.push({ level: 'warn', obj, msg }), info: (obj: object, msg: string) => lines.push({ level: 'info', obj, msg }) } }
}

describe('ReadinessMonitor', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })
  const clock = () => Date.now()

  it('is not ready before start, and ready at start while its dependencies were just connected', () => {
    const bus = controlled('bus')
    const monitor = new ReadinessMonitor({ dependencies: [bus.dependency], logger: logs().logger, now: clock })
    expect(monitor.ready()).toBe(false)
    expect(monitor.problem()).toBe('not started')
    monitor.start()
    expect(monitor.ready()).toBe(true)
    monitor.stop()
  })

  it('stays ready while a dependency answers slowly, within the unreachable time', async () => {
    const store = controlled('store')
    const monitor = new ReadinessMonitor({ dependencies: [store.dependency], intervalMs: 1_000, unreachableAfterMs: 10_000, logger: logs().logger, now: clock })
    monitor.start()
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(8_000)
      expect(monitor.ready()).toBe(true)
      store.answer() // each answer comes 8 s after its ping: slow, not down
      await vi.advanceTimersByTimeAsync(0)
    }
    monitor.stop()
  })

  it('turns not ready when a dependency has not answered for the unreachable time, naming it and its last error', async () => {
    const bus = controlled('bus')
    const store = controlled('store')
    const { lines, logger } = logs()
    const monitor = new ReadinessMonitor({ dependencies: [bus.dependency, store.dependency], intervalMs: 1_000, unreachableAfterMs: 5_000, logger, now: clock })
    monitor.start()
    bus.answer()
    store.fail('MongoDB did not answer a ping within 5000 ms')
    await vi.advanceTimersByTimeAsync(4_000)
    bus.answer()
    store.fail('MongoDB did not answer a ping within 5000 ms')
    expect(monitor.ready()).toBe(true)
    await vi.advanceTimersByTimeAsync(2_000)
    bus.answer()
    expect(monitor.ready()).toBe(false)
    expect(monitor.problem()).toMatch(/^store has not answered for 6 s \(MongoDB did not answer a ping within 5000 ms\)$/)
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(1)
    monitor.stop()
  })

  it('is ready again, with one info line, once the dependency answers', async () => {
    const store = controlled('store')
    const { lines, logger } = logs()
    const monitor = new ReadinessMonitor({ dependencies: [store.dependency], intervalMs: 1_000, unreachableAfterMs: 3_000, logger, now: clock })
    monitor.start()
    await vi.advanceTimersByTimeAsync(5_000)
    expect(monitor.ready()).toBe(false)
    store.answer()
    await vi.advanceTimersByTimeAsync(0)
    expect(monitor.ready()).toBe(true)
    expect(lines.map((l) => l.level)).toEqual(['warn', 'info'])
    monitor.stop()
  })

  it('keeps one ping per dependency in flight, with the unreachable time as its deadline, and none after stop', async () => {
    const store = controlled('store')
    const monitor = new ReadinessMonitor({ dependencies: [store.dependency], intervalMs: 1_000, unreachableAfterMs: 7_000, logger: logs().logger, now: clock })
    monitor.start()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(store.pending.map((p) => p.timeoutMs)).toEqual([7_000])
    store.answer()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(store.pending).toHaveLength(1)
    monitor.stop()
    store.answer()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(store.pending).toHaveLength(0)
  })
})
