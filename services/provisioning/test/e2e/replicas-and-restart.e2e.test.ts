import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Simulator } from '@acs/cpe-sim'
import { integrationEnv, until, type IntegrationContext } from '@acs/testing'
import { startAcs, type Acs } from './harness.js'

const SSID = 'Device.WiFi.SSID.1.SSID'
const env = integrationEnv()
const modes = [
  { name: 'embedded store and in-process bus', skip: false, ctx: async (): Promise<IntegrationContext | undefined> => undefined },
  { name: 'NATS and the MongoDB-protocol server', skip: env.skip, ctx: () => env.open() },
]

for (const mode of modes) {
  describe.skipIf(mode.skip)(`provisioning replicas and restarts on the ${mode.name}`, () => {
    let acs: Acs
    let ctx: IntegrationContext | undefined
    let sim: Simulator | undefined
    const rpcs: { serial: string; method: string }[] = []

    beforeAll(async () => {
      ctx = await mode.ctx()
      acs = await startAcs({ ctx, replicas: 2 })
      expect((await acs.request('POST', '/profiles', { name: 'wifi', dataModelRoot: 'Device', filter: {}, parameters: [{ name: SSID, value: 'r-{{serialNumber}}' }] })).status).toBe(201)
    }, 60_000)

    afterAll(async () => {
      await sim?.stop(1000)
      await acs?.close()
      await ctx?.close()
    })

    it('never applies the same change twice with two replicas serving the hooks', async () => {
      sim = await Simulator.start({ url: acs.cwmpUrl, devices: 6, model: 'tr181', periodicIntervalSeconds: 3600, seed: 11 }, { onRpc: (d, request) => rpcs.push({ serial: d.facts.serial, method: request.method }) })
      await until(() => sim!.devices.every((d) => d.tree.get(SSID, Date.now())?.value === `r-${d.facts.serial}`), { what: 'every device configured', timeoutMs: 30_000 })
      await until(() => sim!.devices.every((d) => d.state === 'idle'), { what: 'sessions over' })
      for (const d of sim.devices) {
        const mine = rpcs.filter((r) => r.serial === d.facts.serial).map((r) => r.method)
        expect(mine.filter((m) => m === 'SetParameterValues')).toHaveLength(1)
        expect(mine.filter((m) => m === 'GetParameterValues')).toHaveLength(1)
      }
    })

    it('loses no queued task when the service restarts before the device connects', async () => {
      const d = sim!.devices[0]!
      const created = await acs.request('POST', `/devices/${encodeURIComponent(d.deviceId)}/tasks`, { request: { method: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.ModelName'] } })
      expect(created.status).toBe(201)
      const id = (created.body as { id: string }).id
      for (const r of acs.replicas.splice(0)) await r.close()
      await acs.addReplica()
      sim!.requestSession(d)
      const task = await until(async () => {
        const t = (await acs.request('GET', `/tasks/${id}`)).body as { status: string }
        return t.status === 'done' ? t : null
      }, { what: 'task done after the restart', timeoutMs: 20_000 })
      expect(task.status).toBe('done')
    })

    it('queues a task that was saved but not yet queued when the service stopped', async () => {
      const d = sim!.devices[1]!
      const { newTask } = await import('../../src/tasks/task-lifecycle.js')
      const now = new Date(Date.now() - 60_000)
      const task = newTask({ id: `crash-${Date.now()}`, deviceId: d.deviceId, request: { method: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.ModelName'] }, maxAttempts: 1, backoffSeconds: 10, connectionRequest: false, createdBy: 'test' }, now)
      await acs.replicas[0]!.context.repos.tasks.insert(task)
      await until(async () => (await acs.replicas[0]!.context.repos.tasks.get(task.id))?.rpcId, { what: 'task queued by the sweeper' })
      sim!.requestSession(d)
      await until(async () => (await acs.replicas[0]!.context.repos.tasks.get(task.id))?.status === 'done', { what: 'repaired task done', timeoutMs: 20_000 })
    })
  })
}
