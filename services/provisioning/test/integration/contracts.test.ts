import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pino } from 'pino'
import { createInProcessBus, type Bus } from '@acs/bus'
import { awaitedResultV1, connectionRequestCommandV1, deviceToken, informHookV1, rpcResultV1 } from '@acs/contracts'
import { expectValid, expectValidReply, fixtureFor } from '@acs/contracts/testing'
import { openEmbeddedStore, type Store } from '@acs/store'
import { integrationEnv, tempDir, until, type IntegrationContext, type TempDir } from '@acs/testing'
import { createProvisioning, loadProvisioningConfig, type Provisioning } from '../../src/index.js'
import { createTask } from '../../src/tasks/task-service.js'
import { PROVISIONING_ENV } from '../e2e/harness.js'

const env = integrationEnv()
const modes = [
  { name: 'the in-process bus', skip: false, nats: false },
  { name: 'NATS', skip: env.skip, nats: true },
]

const hook = (deviceId: string) =>
  fixtureFor(informHookV1, {
    deviceId,
    sessionId: `s-${deviceId}`,
    dataModelRoot: 'Device',
    deviceIdStruct: { manufacturer: 'Acme', oui: '00D09E', productClass: 'HG', serialNumber: deviceId },
    events: [{ eventCode: '0 BOOTSTRAP', commandKey: '' }],
    parameters: [{ name: 'Device.ManagementServer.ParameterKey', value: '', type: 'xsd:string' }],
  })

for (const mode of modes) {
  describe.skipIf(mode.skip)(`provisioning contracts on ${mode.name}`, () => {
    let bus: Bus
    let store: Store
    let dir: TempDir
    let ctx: IntegrationContext | undefined
    let provisioning: Provisioning

    beforeAll(async () => {
      dir = await tempDir('acs-prov-contract-')
      if (mode.nats) {
        ctx = await env.open()
        bus = await ctx.openBus('contracts')
      } else bus = createInProcessBus({})
      store = await openEmbeddedStore({ dir: join(dir.path, 'store') })
      provisioning = await createProvisioning({ config: loadProvisioningConfig(PROVISIONING_ENV), bus, store, logger: pino({ level: 'silent' }) })
      await provisioning.start()
    })

    afterAll(async () => {
      await provisioning?.close()
      if (!mode.nats) await bus?.close()
      await store?.close()
      await ctx?.close()
      await dir?.remove()
    })

    it('answers the inform hook with a reply the contract accepts', async () => {
      const reply = await bus.request(informHookV1, informHookV1.subject(deviceToken('C-1')), hook('C-1'), { timeoutMs: 5000 })
      expectValidReply(informHookV1, reply)
      expect(reply).toEqual({ service: 'provisioning', queued: 1 })
    })

    it('answers an awaited result with a reply the contract accepts', async () => {
      const result = fixtureFor(awaitedResultV1, { deviceId: 'C-2', service: 'provisioning', method: 'GetParameterValues', outcome: 'done', correlationId: 'cv|read|x' })
      const reply = await bus.request(awaitedResultV1, awaitedResultV1.subject('provisioning', deviceToken('C-2')), result, { timeoutMs: 5000 })
      expectValidReply(awaitedResultV1, reply)
    })

    it('publishes connection-request commands the contract accepts', async () => {
      // A work-queue stream: the capture must take every message (no gateway consumes here).
      const seen: unknown[] = []
      const stop = await bus.consume(connectionRequestCommandV1, { durable: 'contract_capture', filter: connectionRequestCommandV1.filter(deviceToken('C-3')) }, async (d) => {
        seen.push(d.payload)
      })
      await createTask(provisioning.context, { deviceId: 'C-3', request: { method: 'Reboot', commandKey: 'k' }, connectionRequest: true, createdBy: 'test' })
      const [command] = await until(() => (seen.length > 0 ? seen : null), { what: 'a connection-request command' })
      expectValid(connectionRequestCommandV1, command)
      expect((command as { deviceId: string }).deviceId).toBe('C-3')
      await stop()
    })

    it('books an RPC result built from the contract on the task it belongs to', async () => {
      const task = await createTask(provisioning.context, { deviceId: 'C-4', request: { method: 'Reboot', commandKey: 'k' }, connectionRequest: false, createdBy: 'test' })
      const result = fixtureFor(rpcResultV1, { deviceId: 'C-4', service: 'provisioning', rpcId: task.rpcId!, correlationId: task.id, method: 'Reboot', outcome: 'done', response: { method: 'RebootResponse' } })
      await bus.publish(rpcResultV1, rpcResultV1.subject('provisioning', deviceToken('C-4')), result)
      const done = await until(async () => {
        const t = await provisioning.context.repos.tasks.get(task.id)
        return t?.status === 'done' ? t : null
      }, { what: 'task done' })
      expect(done.response).toEqual({ method: 'RebootResponse' })
    })
  })
}
