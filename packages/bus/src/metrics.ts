import { metrics, type Counter } from '@opentelemetry/api'

/** The bus's counters; created per bus instance, after the process registered its meter provider. */
export interface BusMetrics {
  /** Messages given up: attribute `reason` = invalid | permanent | max-deliver. */
  terminated: Counter
  /** Messages handed back for redelivery after a handler error. */
  redelivered: Counter
}

/** Creates the bus's instruments on the global meter provider. */
export function createBusMetrics(): BusMetrics {
  const meter = metrics.getMeter('@acs/bus')
  return {
    terminated: meter.createCounter('acs.bus.messages.terminated', {
      description: 'Messages terminated instead of redelivered',
    }),
    redelivered: meter.createCounter('acs.bus.messages.redelivered', {
      description: 'Messages handed back for a delayed redelivery after a handler error',
    }),
  }
}
