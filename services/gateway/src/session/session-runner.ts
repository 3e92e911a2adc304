import { randomUUID } from 'node:crypto'
import { context, isSpanContextValid, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api'
import { NON_RECORDING_SPAN, tracingActive } from '@acs/bus'
import { AcsFault, encodeEnvelope, faultEnvelope, FAULT_STRINGS } from '@acs/cwmp'
import type { GatewayContext } from '../gateway-context.js'
import type { LimitChange } from '../limits/adaptive-session-limit.js'
import type { AdmissionRefusal } from '../limits/admission.js'
import type { LoadedSession } from '../repositories/session.repository.js'
import { SpanName } from '../telemetry/instruments.js'
import { classifyBody } from './classify.js'
import { EffectHandlers, type RequestEntry, type RequestMeta } from './effect-handlers.js'
import type { SessionRef } from './session-token.js'
import { step } from './state-machine.js'
import type { LiveSessionState, Reply, SessionData, SessionInput, SessionState } from './session-types.js'

/** One CWMP POST as the HTTP layer hands it over. */
export interface CwmpHttpRequest {
  body: Uint8Array
  /** The session the `acs_session` cookie names, if it carries a well-formed one. */
  session: SessionRef | undefined
  authorization: string | undefined
  remoteAddress: string
  /** Source address and port: identifies the TCP connection for the cookie-less fallback. */
  connection: string
}

/** What the HTTP layer writes back. */
export interface CwmpHttpResponse {
  status: number
  headers: Record<string, string | string[]>
  body?: string
}

const XML = 'text/xml; charset="utf-8"'
const isLive = (s: SessionState): s is LiveSessionState => s.phase === 'cpe-requests' || s.phase === 'acs-requests' || s.phase === 'draining'

/** The revision of the session entry this request holds: a live or ending session always has one. */
function heldRevision(entry: RequestEntry, session: SessionData): number {
  if (entry.revision === null) throw new Error(`session ${session.sessionId} has no session entry`)
  return entry.revision
}

/**
 * The thin I/O shell around the state machine: loads the session (every request re-reads it, so
 * any replica can serve any request), feeds the classified body in, performs effects until a reply
 * is decided, persists the state with compare-and-set, then answers.
 */
export class SessionRunner {
  private readonly effects: EffectHandlers

  constructor(
    private readonly ctx: GatewayContext,
    private readonly cookie: (token: string) => string,
  ) {
    this.effects = new EffectHandlers(ctx)
  }

  /** Serves one POST. Never throws: unexpected failures become a SOAP fault 8002. */
  async handle(req: CwmpHttpRequest): Promise<CwmpHttpResponse> {
    const classified = classifyBody(req.body)
    if (classified.type === 'inform') {
      const now = this.ctx.now().getTime()
      if (!this.ctx.rateLimiter.take(req.remoteAddress, now)) return this.reject('rate-limit', this.ctx.rateLimiter.retryAfterSeconds())
      const started = performance.now()
      const refused = this.ctx.admission.tryReserve(started, this.limitChanged)
      if (refused) return this.reject(refused, 5)
      const token = this.ctx.admission.began(started)
      let opened: string | null = null
      try {
        const input: SessionInput = { type: 'inform', envelope: classified.envelope, sessionId: randomUUID(), remoteAddress: req.remoteAddress }
        const result = await this.run(req, input)
        opened = result.opened
        return result.response
      } finally {
        if (opened) {
          this.ctx.admission.commit(opened, this.ctx.now().getTime())
          this.ctx.instruments.sessionsActive.add(1)
        } else this.ctx.admission.release()
        this.answered(started, token)
      }
    }
    const started = performance.now()
    const counted = req.session !== undefined && this.ctx.admission.touch(req.session.sessionId, this.ctx.now().getTime())
    if (!counted) this.ctx.admission.enter()
    const token = this.ctx.admission.began(started)
    try {
      return (await this.run(req, classified)).response
    } finally {
      if (!counted) this.ctx.admission.leave()
      this.answered(started, token)
    }
  }

  private answered(started: number, token: number | undefined): void {
    const change = this.ctx.admission.answered(started, performance.now(), token)
    if (change) this.limitChanged(change)
  }

  private readonly limitChanged = (change: LimitChange): void => {
    this.ctx.instruments.admissionLimit.add(change.to - change.from)
    const fields = { from: change.from, to: change.to, p90Ms: Math.round(change.p90Ms), targetMs: this.ctx.config.ACS_GATEWAY_LATENCY_TARGET_MS }
    if (change.reason === 'slow') this.ctx.logger.warn(fields, 'requests are slower than the latency target: admitting fewer concurrent sessions (new ones get 503 until it recovers)')
    else this.ctx.logger.info(fields, 'requests are fast again: admitting more concurrent sessions')
  }

  private reject(reason: 'rate-limit' | AdmissionRefusal, retryAfter: number): CwmpHttpResponse {
    this.ctx.instruments.admissionRejected.add(1, { reason })
    return { status: 503, headers: { 'retry-after': String(retryAfter) } }
  }

  private async run(req: CwmpHttpRequest, input: SessionInput): Promise<{ response: CwmpHttpResponse; opened: string | null }> {
    let loaded: LoadedSession | null = null
    try {
      loaded = await this.load(req, input)
    } catch (err) {
      this.ctx.logger.error({ err }, 'could not read session state')
      return { response: this.internalError(), opened: null }
    }
    if (!tracingActive()) return this.serve(req, input, loaded, NON_RECORDING_SPAN)
    const parent = loaded?.state.session.trace ? trace.setSpanContext(ROOT_CONTEXT, { ...loaded.state.session.trace, isRemote: true }) : ROOT_CONTEXT
    return this.ctx.instruments.tracer.startActiveSpan(SpanName.Request, { kind: SpanKind.SERVER, attributes: { 'cwmp.input': input.type } }, parent, (span) =>
      this.serve(req, input, loaded, span),
    )
  }

  /** Drives one request under `span` (a no-op one while tracing is off); never throws. */
  private async serve(req: CwmpHttpRequest, input: SessionInput, loaded: LoadedSession | null, span: Span): Promise<{ response: CwmpHttpResponse; opened: string | null }> {
    try {
      return await this.drive(req, input, loaded, span)
    } catch (err) {
      span.recordException(err as Error)
      span.setStatus({ code: SpanStatusCode.ERROR })
      this.ctx.logger.error({ err, sessionId: loaded?.state.session.sessionId }, 'CWMP request failed')
      return { response: this.internalError(), opened: null }
    } finally {
      span.end()
    }
  }

  private async load(req: CwmpHttpRequest, input: SessionInput): Promise<LoadedSession | null> {
    const now = this.ctx.now().getTime()
    let ref = req.session
    if (ref === undefined && input.type !== 'inform' && this.ctx.config.ACS_CWMP_COOKIELESS_FALLBACK && req.connection) {
      // §15: some CPEs drop cookies; the session whose Inform came over this same connection
      // (address and port) stands in. Keyed by connection, not address alone, so two CPEs behind
      // one NAT never share a session; a cookie-dropping CPE must keep its connection alive.
      ref = this.ctx.sessions.sessionForConnection(req.connection, now) ?? undefined
    }
    return ref === undefined ? null : this.ctx.sessions.load(ref, now)
  }

  private async drive(req: CwmpHttpRequest, first: SessionInput, loaded: LoadedSession | null, span: Span): Promise<{ response: CwmpHttpResponse; opened: string | null }> {
    const meta: RequestMeta = { authorization: req.authorization, remoteAddress: req.remoteAddress, connection: req.connection }
    // Explicit, so RPC spans hang under this request even without an async context manager.
    const active: Context = span === NON_RECORDING_SPAN ? context.active() : trace.setSpan(context.active(), span)
    let state: SessionState = loaded?.state ?? { phase: 'awaiting-inform' }
    let input: SessionInput | null = first
    if (first.type === 'inform') {
      // A new session keeps this request's span context, so its later requests join its trace.
      const sc = span.spanContext()
      if (isSpanContextValid(sc)) input = { ...first, trace: { traceId: sc.traceId, spanId: sc.spanId, traceFlags: sc.traceFlags } }
    }
    let reply: Reply | null = null
    const entry: RequestEntry = { revision: loaded?.revision ?? null, written: null, writtenAt: 0 }
    while (input !== null) {
      const result = step(state, input, { now: this.ctx.now().getTime() })
      state = result.state
      input = null
      for (const effect of result.effects) {
        switch (effect.type) {
          case 'reply':
            reply = effect.reply
            break
          case 'authenticate':
            input = await this.effects.authenticate(effect, meta)
            break
          case 'acquire-lock':
            input = await this.effects.acquireLock(effect, entry)
            break
          case 'record-inform':
            input = await this.effects.recordInform(effect, meta)
            break
          case 'close-session':
            await this.effects.closeSession(effect, heldRevision(entry, effect.session))
            break
          case 'store-cpe-request':
            input = await this.effects.storeCpeRequest(effect)
            break
          case 'claim-next':
            input = await this.effects.claimNext(effect)
            break
          case 'complete-rpc':
            input = await this.effects.completeRpc(effect, active)
            break
        }
      }
    }
    if (reply === null) throw new Error(`session state machine ended in phase ${state.phase} without a reply`)
    let opened: string | null = null
    const known = 'session' in state ? state.session : loaded?.state.session
    if (known) span.setAttributes({ 'acs.session.id': known.sessionId, 'acs.device.id': known.deviceId })
    if (isLive(state)) {
      const session = state.session
      const written = entry.written
      const revision = heldRevision(entry, session)
      // An answered Inform ends in the state it stored when it took the device: nothing to write,
      // unless the Inform took long enough for the session's liveness (counted from that write)
      // to need renewing; that write also finds out whether another session took the device meanwhile.
      const now = this.ctx.now().getTime()
      const unchanged = written !== null && written.session === session && written.phase === state.phase
      const fresh = now - entry.writtenAt < this.ctx.config.ACS_SESSION_TIMEOUT_MS / 4
      const saved = unchanged && fresh ? revision : await this.ctx.sessions.save(state, revision, now)
      if (saved === null) {
        this.ctx.logger.warn({ sessionId: session.sessionId }, 'session entry changed under this request (a concurrent POST of the session, or another session took the device over)')
        return { response: { status: 409, headers: {} }, opened: null }
      }
      // A session is new exactly when this request took the device for it.
      if (written !== null) opened = session.sessionId
    }
    return { response: this.render(reply), opened }
  }

  private render(reply: Reply): CwmpHttpResponse {
    switch (reply.kind) {
      case 'soap': {
        const headers: Record<string, string | string[]> = { 'content-type': XML }
        if (reply.setCookie) headers['set-cookie'] = this.cookie(reply.setCookie)
        if (reply.envelope.body.method === 'Fault') this.ctx.instruments.faults.add(1, { code: reply.envelope.body.detail.faultCode, direction: 'sent' })
        return { status: reply.status, headers, body: encodeEnvelope(reply.envelope) }
      }
      case 'rpc':
        return { status: 200, headers: { 'content-type': XML }, body: reply.xml }
      case 'empty':
        return { status: 204, headers: {} }
      case 'unauthorized':
        return { status: 401, headers: { 'www-authenticate': reply.challenges } }
    }
  }

  private internalError(): CwmpHttpResponse {
    this.ctx.instruments.faults.add(1, { code: AcsFault.InternalError, direction: 'sent' })
    const envelope = faultEnvelope('urn:dslforum-org:cwmp-1-0', undefined, AcsFault.InternalError, FAULT_STRINGS[AcsFault.InternalError])
    return { status: 500, headers: { 'content-type': XML }, body: encodeEnvelope(envelope) }
  }
}
