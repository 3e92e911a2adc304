import { describe, expect, it } from 'vitest'
import { until } from '../src/index.js'

describe('until', () => {
  it('returns the first value that is not undefined, null or false', async () => {
    let calls = 0
    const value = await until(() => (++calls >= 3 ? { calls } : null), { intervalMs: 1 })
    expect(value).toEqual({ calls: 3 })
  })

  it('treats a throw as not yet', async () => {
    let calls = 0
    const value = await until(
      () => {
        if (++calls < 3) throw new Error('not ready')
        return 'ready'
      },
      { intervalMs: 1 },
    )
    expect(value).toBe('ready')
  })

  it('fails at the deadline with the last error as cause', async () => {
    const failure = until(
      () => {
        throw new Error('still down')
      },
      { timeoutMs: 30, intervalMs: 5, what: 'server up' },
    )
    await expect(failure).rejects.toMatchObject({ message: 'until: server up not met within 30 ms', cause: new Error('still down') })
  })

  it('stops when the caller aborts', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(until(() => false, { signal: controller.signal })).rejects.toThrow('stopped by its signal')
  })
})
