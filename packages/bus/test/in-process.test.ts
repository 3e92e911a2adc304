import { createInProcessBus } from '@acs/bus'
import { busSuite } from './bus-suite.js'
import { captureLogger } from './helpers.js'

busSuite('in-process bus', async () => {
  const { logger, lines } = captureLogger()
  let offsetMs = 0
  const bus = createInProcessBus({ logger, now: () => Date.now() + offsetMs })
  return {
    bus,
    peer: async () => bus,
    openSeparate: async () => createInProcessBus({ logger }),
    injectRaw: async (subject, payload) => bus.injectUnchecked(subject, payload),
    logs: lines,
    kvTtlMs: 60_000,
    passTime: (ms) => void (offsetMs += ms),
    close: () => bus.close(),
  }
})
