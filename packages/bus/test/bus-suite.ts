import { afterAll, afterEach, beforeAll, describe } from 'vitest'
import type { Stopper } from '@acs/bus'
import type { BusHarness, SuiteContext } from './suite/context.js'
import { publishConsumeTests } from './suite/events.js'
import { gatherTests } from './suite/gather.js'
import { kvTests } from './suite/kv.js'
import { pingTests } from './suite/ping.js'
import { requestReplyTests } from './suite/request-reply.js'
import { servingGroupsTests } from './suite/serving-groups.js'
import { tracingTests } from './suite/tracing.js'
import { workQueueTests } from './suite/work-queue.js'
import { startTestTracing } from './tracing.js'

export type { BusHarness } from './suite/context.js'

/** The behaviour every Bus implementation must have; `open` builds a fresh harness per file. */
export function busSuite(name: string, open: () => Promise<BusHarness>): void {
  describe(name, () => {
    let harness: BusHarness | undefined
    const cleanup: Stopper[] = []
    const tracing = startTestTracing()
    const s: SuiteContext = {
      get harness() {
        if (!harness) throw new Error('harness not open yet')
        return harness
      },
      get bus() {
        return this.harness.bus
      },
      keep: (stop) => (cleanup.push(stop), stop),
    }

    beforeAll(async () => {
      harness = await open()
    })
    afterEach(async () => {
      await Promise.all(cleanup.splice(0).map((stop) => stop()))
    })
    afterAll(async () => {
      await harness?.close()
      await tracing.shutdown()
    })

    publishConsumeTests(s)
    workQueueTests(s)
    requestReplyTests(s)
    gatherTests(s)
    servingGroupsTests(s)
    kvTests(s)
    tracingTests(s)
    pingTests(s)
  })
}
