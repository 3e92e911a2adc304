import { randomUUID } from 'node:crypto'
import type { Envelope, Inform } from '@acs/cwmp'
import { deviceRegisteredV1, deviceToken, informHookV1, informV1, type InformV1 } from '@acs/contracts'
import type { DeviceRecord } from '@acs/store'
import type { GatewayContext } from '../gateway-context.js'
import { informFacts, isBootstrap } from './inform-facts.js'
import type { SessionData } from './session-types.js'

/**
 * Everything an accepted Inform causes before its InformResponse, in as few round trips as
 * possible (independent steps run together): the registry upsert, the durable inform event, the
 * in-session hooks (services queue RPCs and reply; skipped when none serves), and
 * deviceRegisteredV1 on first sight or bootstrap. Throws if a durable step fails. The cookie-less
 * fallback entry is in this replica's memory (no round trip).
 */
export async function registerInform(
  ctx: GatewayContext,
  session: SessionData,
  envelope: Envelope<Inform>,
  from: { remoteAddress: string; connection: string },
): Promise<void> {
  const { remoteAddress, connection } = from
  const inform = envelope.body
  const now = ctx.now()
  const nowIso = now.toISOString()
  const facts = informFacts(inform.parameterList)
  const token = deviceToken(session.deviceId)
  const bootstrap = isBootstrap(inform.events)

  const record: Omit<DeviceRecord, 'firstSeenAt'> = {
    deviceId: session.deviceId,
    oui: inform.deviceId.oui,
    productClass: inform.deviceId.productClass,
    serialNumber: inform.deviceId.serialNumber,
    manufacturer: inform.deviceId.manufacturer,
    lastInformAt: now,
    lastRemoteAddress: remoteAddress,
    cwmpVersion: session.cwmpVersion,
    namespace: session.namespace,
    dataModelRoot: facts.dataModelRoot,
  }
  if (facts.connectionRequestUrl !== undefined) record.connectionRequestUrl = facts.connectionRequestUrl
  if (facts.udpConnectionRequestAddress !== undefined) record.udpConnectionRequestAddress = facts.udpConnectionRequestAddress
  if (facts.softwareVersion !== undefined) record.softwareVersion = facts.softwareVersion

  // The codec's structs have exactly the contracts' fields; the bus copies payloads itself.
  const events = inform.events
  const parameters = inform.parameterList
  const deviceIdStruct = inform.deviceId
  const informEvent: InformV1 = {
    eventId: randomUUID(),
    deviceId: session.deviceId,
    sessionId: session.sessionId,
    occurredAt: nowIso,
    deviceIdStruct,
    events,
    parameters,
    retryCount: Math.max(0, Math.trunc(inform.retryCount)) || 0,
    currentTime: inform.currentTime,
    cwmpVersion: session.cwmpVersion,
    namespace: session.namespace,
    remoteAddress,
    dataModelRoot: facts.dataModelRoot,
  }

  if (ctx.config.ACS_CWMP_COOKIELESS_FALLBACK && connection) ctx.sessions.rememberConnection(connection, { sessionId: session.sessionId, deviceId: session.deviceId }, now.getTime())
  const [recorded] = await Promise.all([
    ctx.store.devices.recordInform(record),
    ctx.bus.publish(informV1, informV1.subject(token), informEvent),
    bootstrap ? publishRegistered(ctx, session.deviceId, token, nowIso, 'bootstrap') : undefined,
    runHooks(ctx, session, token, informEvent),
  ])
  if (recorded.created && !bootstrap) await publishRegistered(ctx, session.deviceId, token, nowIso, 'first-contact')
}

function publishRegistered(ctx: GatewayContext, deviceId: string, token: string, occurredAt: string, reason: 'first-contact' | 'bootstrap'): Promise<void> {
  return ctx.bus.publish(deviceRegisteredV1, deviceRegisteredV1.subject(token), { eventId: randomUUID(), deviceId, occurredAt, reason })
}

/** Scatter-gather to the in-session services; never fails the Inform (the queue is the source of truth). */
async function runHooks(ctx: GatewayContext, session: SessionData, token: string, inform: InformV1): Promise<void> {
  try {
    const expected = await ctx.hookGroups.count(ctx.now().getTime())
    if (expected === 0) return
    const replies = await ctx.bus.gather(
      informHookV1,
      informHookV1.subject(token),
      {
        deviceId: session.deviceId,
        sessionId: session.sessionId,
        informEventId: inform.eventId,
        deviceIdStruct: inform.deviceIdStruct,
        events: inform.events,
        parameters: inform.parameters,
        cwmpVersion: session.cwmpVersion,
        dataModelRoot: inform.dataModelRoot,
      },
      { deadlineMs: ctx.config.ACS_GATEWAY_HOOK_DEADLINE_MS, expected },
    )
    for (const r of replies) {
      if (r.error) ctx.logger.warn({ service: r.service, deviceId: session.deviceId, error: r.error }, 'in-session service reported an error')
    }
    if (replies.length < expected) {
      ctx.logger.info({ deviceId: session.deviceId, expected, replied: replies.length }, 'in-session hook deadline passed')
      ctx.lateHooks?.missed(session.deviceId, session.startedAt, inform.events.map((e) => e.eventCode))
    }
  } catch (err) {
    ctx.logger.warn({ err, deviceId: session.deviceId }, 'in-session hooks failed; continuing without them')
  }
}
