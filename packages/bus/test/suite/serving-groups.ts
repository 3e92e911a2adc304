import { describe, expect, it } from 'vitest'
import { awaitedResultV1 } from '@acs/contracts'
import { replyFixtureFor } from '@acs/contracts/testing'
import { until } from '../helpers.js'
import type { SuiteContext } from './context.js'

/** servingGroups: counting live queue groups. */
export function servingGroupsTests(s: SuiteContext): void {
  describe('servingGroups', () => {
    const serveIn = async (queue: string) =>
      s.bus.serve(awaitedResultV1, { queue }, async () => replyFixtureFor(awaitedResultV1, { service: queue }))

    it('counts distinct queue groups, not instances', async () => {
      s.keep(await serveIn('provisioning'))
      s.keep(await serveIn('provisioning'))
      s.keep(await serveIn('firmware'))
      await until(async () => (await s.bus.servingGroups(awaitedResultV1)) === 2)
      expect(await s.bus.servingGroups(awaitedResultV1)).toBe(2)
    })

    it('drops a group once its last instance stopped', async () => {
      s.keep(await serveIn('provisioning'))
      const firmware = await serveIn('firmware')
      await until(async () => (await s.bus.servingGroups(awaitedResultV1)) === 2)
      await firmware()
      await until(async () => (await s.bus.servingGroups(awaitedResultV1)) === 1)
      expect(await s.bus.servingGroups(awaitedResultV1)).toBe(1)
    })
  })
}
