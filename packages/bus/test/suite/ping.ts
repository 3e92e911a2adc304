import { describe, expect, it } from 'vitest'
import type { SuiteContext } from './context.js'

/** ping: what readiness probes ask of the bus. */
export function pingTests(s: SuiteContext): void {
  describe('ping', () => {
    it('answers while the bus is open and refuses once it is closed', async () => {
      const bus = await s.harness.openSeparate()
      await expect(bus.ping(2_000)).resolves.toBeUndefined()
      await bus.close()
      await expect(bus.ping(2_000)).rejects.toThrow(/closed/)
      await expect(s.bus.ping(2_000)).resolves.toBeUndefined()
    })
  })
}
