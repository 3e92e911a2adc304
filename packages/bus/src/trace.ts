import { context, INVALID_SPAN_CONTEXT, propagation, ProxyTracerProvider, ROOT_CONTEXT, SpanStatusCode, trace, type Attributes, type Context, type Span, type SpanKind } from '@opentelemetry/api'

/** W3C trace context headers (`traceparent`, `tracestate`, ...) as a plain record. */
export type TraceHeaders = Record<string, string>

const tracer = trace.getTracer('@acs/bus')

/** What the global provider delegates to while no SDK is registered (a fresh proxy's delegate is the API's no-op). */
const NO_SDK = new ProxyTracerProvider().getDelegate()
/** A span that records nothing, handed to span callbacks while tracing is off. */
export const NON_RECORDING_SPAN: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT)

/**
 * Whether an OpenTelemetry SDK is registered (checked on every call, so one registered later
 * counts). Without one every span is a no-op, yet creating it still allocates spans and contexts
 * on each message and CWMP request: callers skip that work when this is false.
 */
export function tracingActive(): boolean {
  const provider = trace.getTracerProvider()
  return !(provider instanceof ProxyTracerProvider) || provider.getDelegate() !== NO_SDK
}

/** Serializes the active trace context into message headers. */
export function injectTraceHeaders(ctx: Context = context.active()): TraceHeaders {
  const carrier: TraceHeaders = {}
  // Without an SDK there is no span context to carry (and no propagator to carry it).
  if (!tracingActive()) return carrier
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
  if (!tracingActive()) return fn(NON_RECORDING_SPAN)
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
