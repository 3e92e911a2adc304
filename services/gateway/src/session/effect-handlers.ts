import { randomUUID } from 'node:crypto'
import { context, trace, type Context } from '@opentelemetry/api'
import { CwmpEncodeError, encodeEnvelope, isCpeRequestMethod, type CwmpBody, type Envelope } from '@acs/cwmp'
import { awaitedResultV1, cpeRequestV1, deviceToken, sessionClosedV1 } from '@acs/contracts'
import type { GatewayContext } from '../gateway-context.js'
import { SpanName } from '../telemetry/instruments.js'
import { publishResult, resultOfCompletion, resultOfStored } from './rpc-results.js'
import { registerInform } from './inform-registration.js'
import type { ClaimedRpc, LiveSessionState, SessionData, SessionEffect, SessionInput, SessionOutcome } from './session-types.js'

type EffectOf<T extends SessionEffect['type']> = Extract<SessionEffect, { type: T }>

const EPOCH = new Date(0)

/** The device's session entry as the request being served knows it: the revision it loaded, or the one its Inform wrote, and what that Inform wrote. */
export interface RequestEntry {
  revision: number | null
  /** The state the Inform stored when it took the device, and when (null when this request took nothing). */
  written: LiveSessionState | null
  writtenAt: number
}

/** What the effects need to know about the HTTP request being served. */
export interface RequestMeta {
  authorization: string | undefined
  remoteAddress: string
  connection: string
}

/** The I/O behind each state-machine effect; each returns the input the machine continues with. */
export class EffectHandlers {
  constructor(private readonly ctx: GatewayContext) {}

  /** Checks the Inform's credentials: per-device ones from the registry, else the shared fallback (§2.4); a Digest use is accepted once. */
  async authenticate(e: EffectOf<'authenticate'>, meta: RequestMeta): Promise<SessionInput> {
    const { store, config } = this.ctx
    const credentials = await store.devices.getCredentials(e.deviceId)
    if (!config.ACS_GATEWAY_ALLOW_UNKNOWN_DEVICES && !credentials && !(await store.devices.get(e.deviceId))) {
      return { type: 'device-refused' }
    }
    const expected = credentials?.cpe ?? this.ctx.fallbackCredentials
    if (!expected) return { type: 'auth-ok', envelope: e.envelope }
    const nowMs = this.ctx.now().getTime()
    let outcome = this.ctx.authenticator.check(meta.authorization, expected, nowMs)
    if (outcome.ok && outcome.replayKey !== undefined && this.ctx.digestUses && !(await this.ctx.digestUses.firstUse(outcome.replayKey))) {
      outcome = this.ctx.authenticator.replayed(nowMs)
    }
    if (outcome.ok) return { type: 'auth-ok', envelope: e.envelope }
    if (meta.authorization) this.ctx.logger.info({ deviceId: e.deviceId, reason: outcome.reason }, 'CPE authentication failed')
    return { type: 'auth-failed', challenges: outcome.challenges }
  }

  /** Takes the device for the new session, storing its answered state; `entry` records what was written. */
  async acquireLock(e: EffectOf<'acquire-lock'>, entry: RequestEntry): Promise<SessionInput> {
    const now = this.ctx.now()
    const nowMs = now.getTime()
    const result = await this.ctx.sessions.acquire(e.state, nowMs)
    if (!result.acquired) return { type: 'lock-busy' }
    entry.revision = result.revision
    entry.written = e.state
    entry.writtenAt = nowMs
    if (result.replaced) await this.announceClosed(result.replaced.state.session, result.replaced.outcome, now)
    return { type: 'lock-acquired', envelope: e.envelope }
  }

  async recordInform(e: EffectOf<'record-inform'>, meta: RequestMeta): Promise<SessionInput> {
    try {
      await registerInform(this.ctx, e.session, e.envelope, meta)
      return { type: 'inform-recorded', envelope: e.envelope }
    } catch (err) {
      this.ctx.logger.error({ err, deviceId: e.session.deviceId }, 'could not record an Inform; answering 8002')
      return { type: 'inform-failed' }
    }
  }

  /**
   * Ends a session: its entry (state and device lock) deleted, then sessionClosedV1 published. An
   * entry that holds another session by now belongs to the session that took the device over,
   * which announced this one: nothing is announced here. A KV failure only logs: the end is
   * announced, and the entry left behind expires; if the device informs again before that, the
   * takeover announces it as timed-out under the same session id, which the stream drops as a
   * duplicate (the contract's idempotency key).
   */
  async closeSession(e: EffectOf<'close-session'>, revision: number): Promise<void> {
    const { session } = e
    let removed = true
    try {
      removed = await this.ctx.sessions.remove(session, revision)
    } catch (err) {
      this.ctx.logger.warn({ err, sessionId: session.sessionId }, 'could not clear session state; it will expire')
    }
    if (removed) return this.announceClosed(session, e.outcome, this.ctx.now())
    this.ctx.logger.info({ sessionId: session.sessionId, deviceId: session.deviceId }, 'another session took the device over before this one ended; that one announced it')
    this.stopCounting(session)
  }

  /** Publishes a CPE request before answering it (§7: acknowledge only what is stored). */
  async storeCpeRequest(e: EffectOf<'store-cpe-request'>): Promise<SessionInput> {
    const { body } = e.envelope
    try {
      await this.ctx.bus.publish(cpeRequestV1, cpeRequestV1.subject(body.method, deviceToken(e.session.deviceId)), {
        eventId: randomUUID(),
        deviceId: e.session.deviceId,
        sessionId: e.session.sessionId,
        occurredAt: this.ctx.now().toISOString(),
        method: body.method,
        request: body,
      })
      return { type: 'cpe-request-stored', envelope: e.envelope }
    } catch (err) {
      this.ctx.logger.error({ err, deviceId: e.session.deviceId, method: body.method }, 'could not publish a CPE request; answering 8002')
      return { type: 'cpe-request-failed', envelope: e.envelope }
    }
  }

  /**
   * Claims the next RPC, encoded with its id as cwmp:ID. When nothing is claimable the session is
   * about to end: RPCs past their expiresAt (never claimable) are expired then, once per session.
   * A read-only check spares the common empty queue any write: on the first claim of a session,
   * and before expiring. (claimNext and expireDue write even when nothing matches: an LMDB commit,
   * or on FerretDB three round trips under the store's per-device lock.) Claim and expiry run one
   * after the other: in parallel they would contend for that lock.
   */
  async claimNext(e: EffectOf<'claim-next'>): Promise<SessionInput> {
    const { rpcQueue } = this.ctx.store
    const { deviceId, sessionId } = e.session
    const now = this.ctx.now()
    if (e.session.rpcsSent === 0 && !(await this.hasUnfinished(deviceId))) return { type: 'queue-empty' }
    const rpc = await rpcQueue.claimNext(deviceId, sessionId, now)
    if (!rpc) {
      if (await this.hasUnfinished(deviceId)) {
        const expired = await rpcQueue.expireDue(deviceId, now, { sessionId })
        if (expired.length > 0) await Promise.all(expired.map((r) => publishResult(this.ctx, resultOfStored(r, 'expired', now))))
      }
      return { type: 'queue-empty' }
    }
    const claimed: ClaimedRpc = { id: rpc.id, request: rpc.request, service: rpc.service, awaited: rpc.awaited }
    if (rpc.group !== undefined) claimed.group = rpc.group
    if (rpc.correlationId !== undefined) claimed.correlationId = rpc.correlationId
    if (!isCpeRequestMethod(rpc.request.method)) return { type: 'claim-unencodable', rpc: claimed, error: `${rpc.request.method} is not a CPE method` }
    const header: Envelope['header'] = { id: rpc.id }
    if (this.ctx.config.ACS_CWMP_HOLD_REQUESTS) header.holdRequests = true
    try {
      // The queue holds the request as data validated by its producer; the codec validates it again here.
      const xml = encodeEnvelope({ namespace: e.session.namespace, header, body: rpc.request as CwmpBody })
      return { type: 'claimed', rpc: claimed, xml }
    } catch (err) {
      if (err instanceof CwmpEncodeError) return { type: 'claim-unencodable', rpc: claimed, error: err.message }
      throw err
    }
  }

  /**
   * Records an RPC's outcome (store first: the source of truth), then publishes it, fails the rest
   * of its group on a fault, and for an awaited RPC asks the owner (before the next claim) so it
   * can queue follow-ups in this same session. An owner that does not answer in time is skipped.
   */
  async completeRpc(e: EffectOf<'complete-rpc'>, parent: Context): Promise<SessionInput> {
    const { store, bus, config, logger } = this.ctx
    const now = this.ctx.now()
    const { session, inFlight, end } = e
    const stored = await store.rpcQueue.complete(inFlight.id, session.sessionId, end, now)
    const span = this.ctx.instruments.tracer.startSpan(
      SpanName.Rpc,
      { startTime: inFlight.sentAt, attributes: { 'cwmp.method': inFlight.method, 'acs.rpc.id': inFlight.id, 'acs.device.id': session.deviceId, 'acs.rpc.outcome': end.status } },
      parent,
    )
    this.ctx.instruments.rpcDuration.record(Math.max(0, now.getTime() - inFlight.sentAt) / 1000, { 'cwmp.method': inFlight.method, outcome: end.status })
    if (end.status === 'faulted') {
      span.setAttribute('cwmp.fault.code', end.fault.faultCode)
      this.ctx.instruments.faults.add(1, { code: end.fault.faultCode, direction: 'received' })
    }
    span.end(now)
    if (!stored) {
      logger.warn({ rpcId: inFlight.id, sessionId: session.sessionId }, 'RPC no longer held by this session; its outcome is not recorded')
      return { type: 'rpc-completed', inFlight, end }
    }
    const result = resultOfCompletion(session.deviceId, session.sessionId, inFlight, end, now)
    const work: Promise<unknown>[] = [publishResult(this.ctx, result)]
    if (e.failGroup && inFlight.group !== undefined && end.status === 'faulted') {
      const group = inFlight.group
      work.push(
        store.rpcQueue
          .failGroup(session.deviceId, group, end.fault, now)
          .then((failed) => Promise.all(failed.map((r) => publishResult(this.ctx, resultOfStored(r, 'faulted', now, end.fault))))),
      )
    }
    if (e.notifyOwner) {
      const subject = awaitedResultV1.subject(inFlight.service, deviceToken(session.deviceId))
      work.push(
        context.with(trace.setSpan(parent, span), () =>
          bus.request(awaitedResultV1, subject, { ...result, sessionId: session.sessionId }, { timeoutMs: config.ACS_GATEWAY_HOOK_DEADLINE_MS }),
        ).catch((err: unknown) => logger.info({ err, rpcId: inFlight.id, service: inFlight.service }, 'awaited RPC owner did not answer; continuing')),
      )
    }
    await Promise.all(work)
    return { type: 'rpc-completed', inFlight, end }
  }

  /**
   * Whether the device has any RPC queued or sent, expired or not: `hasPending` asked at the epoch,
   * when nothing had expired yet. One indexed read on every backend.
   */
  private hasUnfinished(deviceId: string): Promise<boolean> {
    return this.ctx.store.rpcQueue.hasPending(deviceId, EPOCH)
  }

  /** The session no longer counts against this replica's cap (nor in the active-sessions gauge). */
  private stopCounting(session: SessionData): void {
    if (this.ctx.admission.end(session.sessionId)) this.ctx.instruments.sessionsActive.add(-1)
  }

  private async announceClosed(session: SessionData, outcome: SessionOutcome, now: Date): Promise<void> {
    const { instruments } = this.ctx
    instruments.sessions.add(1, { outcome })
    instruments.sessionDuration.record(Math.max(0, now.getTime() - session.startedAt) / 1000, { outcome })
    this.stopCounting(session)
    try {
      await this.ctx.bus.publish(sessionClosedV1, sessionClosedV1.subject(deviceToken(session.deviceId)), {
        eventId: randomUUID(),
        deviceId: session.deviceId,
        sessionId: session.sessionId,
        startedAt: new Date(session.startedAt).toISOString(),
        endedAt: now.toISOString(),
        outcome,
        rpcsSent: session.rpcsSent,
      })
    } catch (err) {
      this.ctx.logger.warn({ err, sessionId: session.sessionId }, 'could not publish session-closed')
    }
  }
}
