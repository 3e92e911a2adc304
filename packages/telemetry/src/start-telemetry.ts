import { startNodeSdk } from '@opentelemetry/sdk-node'

/** Stops the OpenTelemetry SDK, flushing what it holds; a no-op when telemetry is off. */
export type TelemetryShutdown = () => Promise<void>

const EXPORT_SETTINGS = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_TRACES_EXPORTER', 'OTEL_METRICS_EXPORTER']

/**
 * Starts the OpenTelemetry SDK from the standard OTEL_* variables when any exporter is
 * configured. Without one, the SDK is not started: the API stays a no-op and costs nothing
 * on the CPE hot path (set OTEL_EXPORTER_OTLP_ENDPOINT to turn traces and metrics on).
 * Call it before the services create their tracers and meters.
 */
export function startTelemetry(options: { serviceName: string; env?: NodeJS.ProcessEnv }): {
  enabled: boolean
  shutdown: TelemetryShutdown
} {
  const env = options.env ?? process.env
  const configured = EXPORT_SETTINGS.some((name) => env[name] && env[name] !== 'none')
  if (!configured || /^true$/i.test(env.OTEL_SDK_DISABLED ?? '')) {
    return { enabled: false, shutdown: async () => {} }
  }
  const sdk = startNodeSdk({ resourceAttributes: { 'service.name': env.OTEL_SERVICE_NAME ?? options.serviceName } })
  return { enabled: true, shutdown: () => sdk.shutdown() }
}
