import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { resolveGatewaySecret } from '../../src/auth/gateway-secret.js'
import { resettableBucket } from '../support/resettable-bucket.js'
import { until } from '../support/until.js'

/** A logger whose warnings the test reads. */
function warnings() {
  const lines: string[] = []
  return { lines, logger: pino({ level: 'warn' }, { write: (line: string) => void lines.push(String((JSON.parse(line) as { msg: string }).msg)) }) }
}

describe('the Digest nonce key shared through the bus KV', () => {
  it('is the configured one when ACS_GATEWAY_SECRET is set, and the KV is not used', async () => {
    const lost = await resettableBucket(60_000)
    const secret = await resolveGatewaySecret('configured-secret', lost.bus(), warnings().logger)
    expect(Buffer.from(secret).toString()).toBe('configured-secret')
    expect(await lost.bucket.get('digest-secret')).toBeNull()
  })

  it('is created by the first replica and read by the next', async () => {
    const lost = await resettableBucket(60_000)
    const first = await resolveGatewaySecret(undefined, lost.bus(), warnings().logger)
    const second = await resolveGatewaySecret(undefined, lost.bus(), warnings().logger)
    expect(first).toHaveLength(32)
    expect(Buffer.from(second).equals(first)).toBe(true)
  })

  it('is put back when the bucket was lost, so that a replica started afterwards signs with it', async () => {
    const lost = await resettableBucket(60_000)
    const { lines, logger } = warnings()
    const running = await resolveGatewaySecret(undefined, lost.bus(), logger)
    await lost.reset()
    await until(async () => (await lost.bucket.get('digest-secret')) !== null)
    const started = await resolveGatewaySecret(undefined, lost.bus(), warnings().logger)
    expect(Buffer.from(started).equals(running)).toBe(true)
    expect(lines).toEqual([])
  })

  it('warns, naming the cure, when a replica started meanwhile already put another key', async () => {
    const lost = await resettableBucket(60_000)
    const { lines, logger } = warnings()
    await resolveGatewaySecret(undefined, lost.bus(), logger)
    await lost.reset(async (fresh) => void (await fresh.create('digest-secret', Buffer.alloc(32, 7))))
    await until(() => lines.length > 0)
    expect(lines[0]).toContain('set ACS_GATEWAY_SECRET on every replica')
  })
})
