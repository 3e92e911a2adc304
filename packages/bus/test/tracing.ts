import { NodeSDK } from '@opentelemetry/sdk-node'

/**
 * Starts the OpenTelemetry SDK with a real tracer provider, the AsyncLocalStorage context manager
 * and the W3C propagator, exporting nowhere: tests read span contexts from the API.
 */
export function startTestTracing(): NodeSDK {
  const sdk = new NodeSDK({
    autoDetectResources: false,
    instrumentations: [],
    metricReaders: [],
    logRecordProcessors: [],
    spanProcessors: [{ onStart() {}, onEnd() {}, forceFlush: async () => {}, shutdown: async () => {} }],
  })
  sdk.start()
  return sdk
}
