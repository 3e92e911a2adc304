import { metrics, trace, type Counter, type Histogram, type ObservableGauge, type Tracer, type UpDownCounter } from '@opentelemetry/api'

/** Span names of the gateway: the operation, never the instance (ids go in attributes). */
export const SpanName = {
  Request: 'cwmp.request',
  Rpc: 'cwmp.rpc',
  ConnectionRequest: 'cwmp.connection-request',
} as const

/**
 * Bucket bounds of the session-duration histogram, in seconds: from a LAN session of a few
 * milliseconds to one with many RPCs over a slow link. (The SDK's default bounds, 0 to 10,000,
 * are meant for milliseconds and would put nearly every session in the first bucket.)
 */
export const SESSION_DURATION_BUCKETS_S = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]

/** Bucket bounds of the RPC-duration histogram, in seconds: a CPE answers in milliseconds to a minute or so. */
export const RPC_DURATION_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

/** The gateway's tracer and metric instruments (no-ops until the process entry starts the SDK). */
export interface GatewayInstruments {
  tracer: Tracer
  sessionsActive: UpDownCounter
  sessions: Counter
  sessionDuration: Histogram
  rpcDuration: Histogram
  rpcs: Counter
  faults: Counter
  admissionRejected: Counter
  admissionLimit: UpDownCounter
  connectionRequests: Counter
  /** CWMP requests past admission and not answered yet (observed from Admission). */
  requestsInProgress: ObservableGauge
}

/** Creates the instruments on the global providers. Attributes never carry a device id (cardinality). */
export function createInstruments(): GatewayInstruments {
  const meter = metrics.getMeter('acs-gateway')
  return {
    tracer: trace.getTracer('acs-gateway'),
    sessionsActive: meter.createUpDownCounter('acs.cwmp.sessions.active', { description: 'CWMP sessions counted by this replica' }),
    sessions: meter.createCounter('acs.cwmp.sessions', { description: 'CWMP sessions ended or refused, by outcome' }),
    sessionDuration: meter.createHistogram('acs.cwmp.session.duration', {
      description: 'CWMP session duration',
      unit: 's',
      advice: { explicitBucketBoundaries: SESSION_DURATION_BUCKETS_S },
    }),
    rpcDuration: meter.createHistogram('acs.cwmp.rpc.duration', {
      description: 'time from sending an RPC to the CPE to its response or fault, by cwmp.method and outcome',
      unit: 's',
      advice: { explicitBucketBoundaries: RPC_DURATION_BUCKETS_S },
    }),
    rpcs: meter.createCounter('acs.cwmp.rpcs', { description: 'queued RPCs ended, by cwmp.method and outcome' }),
    faults: meter.createCounter('acs.cwmp.faults', { description: 'CWMP faults sent to or received from CPEs, by code and direction' }),
    admissionRejected: meter.createCounter('acs.cwmp.admission.rejected', { description: 'new sessions turned away with 503, by reason' }),
    admissionLimit: meter.createUpDownCounter('acs.cwmp.admission.limit', { description: 'concurrent sessions this replica admits now (the cap, or less while requests are slower than the latency target)' }),
    connectionRequests: meter.createCounter('acs.cwmp.connection_requests', { description: 'connection requests, by transport and outcome' }),
    requestsInProgress: meter.createObservableGauge('acs.cwmp.requests.in_progress', {
      description: 'CWMP requests admitted and not answered yet: high while the store is slow or hangs',
    }),
  }
}
