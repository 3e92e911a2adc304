import { randomUUID } from 'node:crypto'
import type { KvBucket, Stopper } from '@acs/bus'
import { connectionRequestCommandV1, connectionRequestResultV1, deviceToken, type ConnectionRequestCommandV1, type ConnectionRequestResultV1 } from '@acs/contracts'
import type { GatewayContext } from '../gateway-context.js'
import { sendHttpConnectionRequest } from '../connection-request/http-connection-request.js'
import { planConnectionRequest } from '../connection-request/cr-plan.js'
import { sendUdpConnectionRequest } from '../connection-request/udp-connection-request.js'
import { SpanName } from '../telemetry/instruments.js'

/** The durable shared by all replicas: each command is handled by one of them. */
export const CONNECTION_REQUEST_DURABLE = 'gateway-cr'

type Outcome = Pick<ConnectionRequestResultV1, 'transport' | 'outcome' | 'status' | 'detail'>

/** Consumes connectionRequestCommandV1 and publishes a connectionRequestResultV1 for each. */
export async function startConnectionRequestConsumer(ctx: GatewayContext): Promise<Stopper> {
  const minInterval = ctx.config.ACS_CR_MIN_INTERVAL_MS
  const rate = minInterval > 0 ? await ctx.bus.kv('cwmp_cr_rate', { ttlMs: minInterval }) : null
  return ctx.bus.consume(connectionRequestCommandV1, { durable: CONNECTION_REQUEST_DURABLE, concurrency: 16 }, async ({ payload }) => {
    const outcome = await ctx.instruments.tracer.startActiveSpan(SpanName.ConnectionRequest, { attributes: { 'acs.device.id': payload.deviceId } }, async (span) => {
      try {
        const o = await connectionRequest(ctx, rate, payload)
        span.setAttributes({ 'acs.cr.transport': o.transport, 'acs.cr.outcome': o.outcome })
        return o
      } finally {
        span.end()
      }
    })
    ctx.instruments.connectionRequests.add(1, { transport: outcome.transport, outcome: outcome.outcome })
    const result: ConnectionRequestResultV1 = {
      eventId: randomUUID(),
      commandId: payload.commandId,
      deviceId: payload.deviceId,
      occurredAt: ctx.now().toISOString(),
      ...outcome,
    }
    await ctx.bus.publish(connectionRequestResultV1, connectionRequestResultV1.subject(deviceToken(payload.deviceId)), result, {
      idempotencyKey: `cr-result-${payload.commandId}`,
    })
  })
}

/** One device at most every ACS_CR_MIN_INTERVAL_MS (§10.1: coalesce); a redelivered command keeps its own slot. */
async function takeSlot(rate: KvBucket | null, command: ConnectionRequestCommandV1): Promise<boolean> {
  if (!rate) return true
  const key = deviceToken(command.deviceId).replace(/~/g, '=')
  const mine = new TextEncoder().encode(command.commandId)
  if ((await rate.create(key, mine)) !== null) return true
  const holder = await rate.get(key)
  return holder !== null && new TextDecoder().decode(holder.value) === command.commandId
}

async function connectionRequest(ctx: GatewayContext, rate: KvBucket | null, command: ConnectionRequestCommandV1): Promise<Outcome> {
  const [device, credentials] = await Promise.all([ctx.store.devices.get(command.deviceId), ctx.store.devices.getCredentials(command.deviceId)])
  if (!device) return { transport: 'none', outcome: 'no-address', detail: 'device never informed' }
  const plan = planConnectionRequest(device)
  if (plan.order.length === 0) return { transport: 'none', outcome: 'no-address', detail: 'no usable ConnectionRequestURL or UDPConnectionRequestAddress' }
  if (!(await takeSlot(rate, command))) return { transport: 'none', outcome: 'rate-limited' }
  const creds = credentials?.connectionRequest ?? null
  let last: Outcome = { transport: 'none', outcome: 'no-address' }
  for (const transport of plan.order) {
    if (transport === 'http' && plan.http) {
      const r = await sendHttpConnectionRequest(plan.http, creds, ctx.config.ACS_CR_TIMEOUT_MS)
      last = { transport: 'http', ...r }
      if (r.outcome !== 'unreachable') return last
    } else if (transport === 'udp' && plan.udp) {
      // Without provisioned credentials the CPE can only accept an empty username/password pair.
      await sendUdpConnectionRequest(plan.udp, creds ?? { username: '', password: '' }, { now: ctx.now })
      return { transport: 'udp', outcome: 'sent', detail: `${plan.udp.host}:${plan.udp.port}` }
    }
  }
  return last
}
