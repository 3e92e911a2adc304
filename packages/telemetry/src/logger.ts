import { trace } from '@opentelemetry/api'
import { pino, type Logger, type LevelWithSilent } from 'pino'

export type { Logger } from 'pino'

/**
 * One JSON logger per process. Every line written inside an active span carries its
 * `trace_id` and `span_id`, so logs and traces of a CPE session can be joined.
 */
export function createLogger(options: { service: string; level?: LevelWithSilent; destination?: NodeJS.WritableStream }): Logger {
  return pino(
    {
      name: options.service,
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin() {
        const ctx = trace.getActiveSpan()?.spanContext()
        return ctx ? { trace_id: ctx.traceId, span_id: ctx.spanId } : {}
      },
    },
    options.destination ?? process.stdout,
  )
}
