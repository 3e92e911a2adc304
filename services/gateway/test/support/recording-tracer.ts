import { randomBytes } from 'node:crypto'
import {
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Attributes,
  type AttributeValue,
  type Context,
  type Span,
  type SpanContext,
  type SpanOptions,
  type SpanStatus,
  type TimeInput,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api'

/** What a test sees of one finished span. */
export interface RecordedSpan {
  name: string
  context: SpanContext
  parentSpanId: string | undefined
  attributes: Attributes
  status: SpanStatus
}

class RecordingSpan implements Span {
  readonly attributes: Attributes = {}
  status: SpanStatus = { code: SpanStatusCode.UNSET }
  constructor(
    readonly name: string,
    private readonly ctx: SpanContext,
    readonly parentSpanId: string | undefined,
    private readonly sink: RecordedSpan[],
  ) {}
  spanContext(): SpanContext {
    return this.ctx
  }
  setAttribute(key: string, value: AttributeValue): this {
    this.attributes[key] = value
    return this
  }
  setAttributes(attributes: Attributes): this {
    Object.assign(this.attributes, attributes)
    return this
  }
  addEvent(): this {
    return this
  }
  addLink(): this {
    return this
  }
  addLinks(): this {
    return this
  }
  setStatus(status: SpanStatus): this {
    this.status = status
    return this
  }
  updateName(): this {
    return this
  }
  end(_endTime?: TimeInput): void {
    this.sink.push({ name: this.name, context: this.ctx, parentSpanId: this.parentSpanId, attributes: this.attributes, status: this.status })
  }
  isRecording(): boolean {
    return true
  }
  recordException(): void {}
}

/** A minimal in-memory tracer provider on the OpenTelemetry API alone: parents come from the given context. */
export class RecordingTracerProvider implements TracerProvider {
  readonly spans: RecordedSpan[] = []

  getTracer(): Tracer {
    const spans = this.spans
    const startSpan = (name: string, options: SpanOptions = {}, ctx: Context = ROOT_CONTEXT): Span => {
      const parent = trace.getSpanContext(ctx)
      const span = new RecordingSpan(
        name,
        { traceId: parent?.traceId ?? randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex'), traceFlags: 1 },
        parent?.spanId,
        spans,
      )
      if (options.attributes) span.setAttributes(options.attributes)
      return span
    }
    function startActiveSpan<F extends (span: Span) => unknown>(name: string, ...rest: unknown[]): ReturnType<F> {
      const fn = rest.pop() as F
      const [options, ctx] = rest as [SpanOptions | undefined, Context | undefined]
      return fn(startSpan(name, options, ctx)) as ReturnType<F>
    }
    return { startSpan, startActiveSpan } as Tracer
  }
}
