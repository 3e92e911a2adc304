import type { Stopper } from '@acs/bus'
import { deviceCredentialsV1 } from '@acs/contracts'
import type { DeviceCredentialRecord } from '@acs/store'
import type { GatewayContext } from '../gateway-context.js'

/** The durable consumer name all gateway replicas share for credential updates. */
export const CREDENTIALS_DURABLE = 'gateway-credentials'

/**
 * Keeps the gateway's view of device credentials (what CPEs must present, what connection
 * requests present) from provisioning's deviceCredentialsV1 events. An event may carry only one of
 * the two pairs: the other is kept. An event older than the stored record is ignored, so a
 * redelivery never rolls credentials back.
 */
export async function startCredentialsConsumer(ctx: Pick<GatewayContext, 'bus' | 'store' | 'logger'>): Promise<Stopper> {
  return ctx.bus.consume(deviceCredentialsV1, { durable: CREDENTIALS_DURABLE }, async ({ payload }) => {
    const updatedAt = new Date(payload.occurredAt)
    const current = await ctx.store.devices.getCredentials(payload.deviceId)
    if (current && current.updatedAt.getTime() > updatedAt.getTime()) return
    const next: DeviceCredentialRecord = { deviceId: payload.deviceId, updatedAt }
    const cpe = payload.cpe ?? current?.cpe
    const connectionRequest = payload.connectionRequest ?? current?.connectionRequest
    if (cpe) next.cpe = cpe
    if (connectionRequest) next.connectionRequest = connectionRequest
    await ctx.store.devices.putCredentials(next)
    ctx.logger.debug({ deviceId: payload.deviceId }, 'device credentials updated')
  })
}
