import { MetricReader } from '@opentelemetry/sdk-metrics'

/** A metric reader a test collects from on demand (`await reader.collect()`). */
export class CollectingReader extends MetricReader {
  protected async onShutdown(): Promise<void> {}
  protected async onForceFlush(): Promise<void> {}
}
