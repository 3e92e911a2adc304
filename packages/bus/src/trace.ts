import { context, propagation, ROOT_CONTEXT, SpanStatusCode, trace, type Attributes, type Context, type Span, type SpanKind } from '@opentelemetry/api'

/** W3C trace context headers (`traceparent`, `tracestate`, ...) as a plain record. */
export type TraceHeaders = Record<string, string>

const tracer = trace.getTracer('@acs/bus')

/** Serializes the active trace context into message headers. */
export function injectTraceHeaders(ctx: Context = context.active()): TraceHeaders {
  const carrier: TraceHeaders = {}
  propagation.inject(ctx, carrier)
  return carrier
}

/** Restores the sender's trace context from message headers (root context if there is none). */
export function extractTraceContext(headers: TraceHeaders): Context {
  return propagation.extract(ROOT_CONTEXT, headers)
}

/**
 * Runs `fn` inside an active span named `name` (child of `parent`, or of the active context),
 * records a thrown error on the span and rethrows it.
 */
export function inSpan<T>(
  name: string,
  kind: SpanKind,
  attributes: Attributes,
  parent: Context | undefined,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, { kind, attributes }, parent ?? context.active(), async (span) => {
    try {
      return await fn(span)
    } catch (err) {
      markFailed(span, err)
      throw err
    } finally {
      span.end()
    }
  })
}

/** Records an error on a span and sets its status to ERROR. */
export function markFailed(span: Span, err: unknown): void {
  const error = err instanceof Error ? err : new Error(String(err))
  span.recordException(error)
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message })
}
