import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Simulator } from '@acs/cpe-sim'
import { integrationEnv, until, type IntegrationContext } from '@acs/testing'
import { startAcs, type Acs } from './harness.js'

const SSID181 = 'Device.WiFi.SSID.1.SSID'
const SSID098 = 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID'
const env = integrationEnv()

const modes = [
  { name: 'embedded store and in-process bus', skip: false, ctx: async (): Promise<IntegrationContext | undefined> => undefined },
  { name: 'NATS and the MongoDB-protocol server', skip: env.skip, ctx: () => env.open() },
]

for (const mode of modes) {
  describe.skipIf(mode.skip)(`provisioning end to end on the ${mode.name}`, () => {
    let acs: Acs
    let ctx: IntegrationContext | undefined
    let sim: Simulator
    let rpcs: { serial: string; method: string; fault: number }[]
    let profile181: { id: string; revision: number }

    beforeAll(async () => {
      ctx = await mode.ctx()
      acs = await startAcs({ ctx })
      const created = await acs.request('POST', '/profiles', {
        name: 'tr181 wifi', dataModelRoot: 'Device', priority: 10, filter: {},
        parameters: [{ name: SSID181, value: 'home-{{serialNumber}}' }],
        attributes: [{ name: SSID181, notification: 2 }],
        periodicInform: { intervalSeconds: 900 },
      })
      expect(created.status).toBe(201)
      profile181 = created.body as { id: string; revision: number }
      expect((await acs.request('POST', '/profiles', { name: 'tr098 wifi', dataModelRoot: 'InternetGatewayDevice', filter: {}, parameters: [{ name: SSID098, value: 'igd-{{mac | nocolons | last:4}}' }] })).status).toBe(201)
      rpcs = []
      sim = await Simulator.start({ url: acs.cwmpUrl, devices: 2, model: 'mixed', periodicIntervalSeconds: 3600, seed: 7 }, { onRpc: (d, request, fault) => rpcs.push({ serial: d.facts.serial, method: request.method, fault }) })
    }, 60_000)

    afterAll(async () => {
      await sim?.stop(1000)
      await acs?.close()
      await ctx?.close()
    })

    const value = (i: number, path: string) => sim.devices[i]!.tree.get(path, Date.now())?.value

    it('configures a TR-181 device at bootstrap, in at most 3 RPCs', async () => {
      const d = sim.devices[0]!
      await until(() => value(0, SSID181) === `home-${d.facts.serial}`, { what: 'TR-181 SSID set', timeoutMs: 20_000 })
      expect(value(0, 'Device.ManagementServer.PeriodicInformInterval')).toBe('900')
      await until(async () => ((await acs.request('GET', `/devices/${encodeURIComponent(d.deviceId)}`)).body as { appliedParameterKey?: string }).appliedParameterKey, { what: 'applied key' })
      expect(rpcs.filter((r) => r.serial === d.facts.serial).length).toBeLessThanOrEqual(3)
    })

    it('configures a TR-098 device at bootstrap from a MAC-address template', async () => {
      await until(() => value(1, SSID098)?.startsWith('igd-'), { what: 'TR-098 SSID set', timeoutMs: 20_000 })
      const mac = value(1, 'InternetGatewayDevice.LANDevice.1.LANEthernetInterfaceConfig.1.MACAddress')!
      expect(value(1, SSID098)).toBe(`igd-${mac.replace(/[:-]/g, '').slice(-4)}`)
    })

    it('gives each device its own connection-request credentials', async () => {
      const a = value(0, 'Device.ManagementServer.ConnectionRequestUsername')
      expect(a).toMatch(/^acs-[0-9a-f]{16}$/)
      expect(value(1, 'InternetGatewayDevice.ManagementServer.ConnectionRequestUsername')).not.toBe(a)
    })

    it('reaches an online device through a connection request when its profile changes', async () => {
      const d = sim.devices[0]!
      await until(async () => ((await acs.request('GET', `/devices/${encodeURIComponent(d.deviceId)}`)).body as { appliedParameterKey?: string }).appliedParameterKey)
      await until(() => sim.devices[0]!.state === 'idle', { what: 'device idle' })
      const res = await acs.request('PUT', `/profiles/${profile181.id}`, {
        name: 'tr181 wifi', dataModelRoot: 'Device', priority: 10, filter: {},
        parameters: [{ name: SSID181, value: 'changed-{{serialNumber}}' }],
        attributes: [{ name: SSID181, notification: 2 }],
        periodicInform: { intervalSeconds: 900 },
      }, { 'if-match': `"${profile181.revision}"` })
      expect(res.status).toBe(200)
      await until(() => value(0, SSID181) === `changed-${d.facts.serial}`, { what: 'changed SSID', timeoutMs: 20_000 })
    })

    it('refuses a profile whose value violates the data model, naming the parameter', async () => {
      const res = await acs.request('POST', '/profiles', { name: 'bad', dataModelRoot: 'Device', filter: {}, parameters: [{ name: 'Device.ManagementServer.PeriodicInformInterval', value: '0' }] })
      expect(res.status).toBe(422)
      expect(JSON.stringify(res.body)).toContain('Device.ManagementServer.PeriodicInformInterval')
    })

    it('lands a CPE fault on the task and goes on with the session', async () => {
      const d = sim.devices[0]!
      await until(() => sim.devices[0]!.state === 'idle', { what: 'device idle' })
      const id = encodeURIComponent(d.deviceId)
      const bad = await acs.request('POST', `/devices/${id}/tasks`, { request: { method: 'SetParameterValues', parameterList: [{ name: 'Device.DeviceInfo.Manufacturer', value: 'x', type: 'xsd:string' }] }, retry: { maxAttempts: 1, backoffSeconds: 10 } })
      const good = await acs.request('POST', `/devices/${id}/tasks`, { request: { method: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.ModelName'] }, connectionRequest: true })
      expect([bad.status, good.status]).toEqual([201, 201])
      const badTask = await until(async () => {
        const t = (await acs.request('GET', `/tasks/${(bad.body as { id: string }).id}`)).body as { status: string; fault?: { faultCode: number; setParameterValuesFault?: unknown[] } }
        return t.status === 'faulted' ? t : null
      }, { what: 'faulted task', timeoutMs: 20_000 })
      expect(badTask.fault?.setParameterValuesFault?.length).toBe(1)
      const goodTask = await until(async () => {
        const t = (await acs.request('GET', `/tasks/${(good.body as { id: string }).id}`)).body as { status: string; response?: { parameterList: { value: string }[] } }
        return t.status === 'done' ? t : null
      }, { what: 'done task', timeoutMs: 20_000 })
      expect(goodTask.response?.parameterList[0]?.value).toBe('SimGateway 181')
    })

    it('sends no RPC to a converged device on its next periodic inform', async () => {
      const d = sim.devices[1]!
      await until(async () => ((await acs.request('GET', `/devices/${encodeURIComponent(d.deviceId)}`)).body as { appliedParameterKey?: string }).appliedParameterKey)
      await until(() => d.state === 'idle', { what: 'device idle' })
      const before = rpcs.length
      const sessions = () => (acs.request('GET', `/devices/${encodeURIComponent(d.deviceId)}`) as Promise<{ body: unknown }>)
      const lastSession = ((await sessions()).body as { lastDecision?: { sessionId: string } }).lastDecision?.sessionId
      sim.requestSession(d)
      const decision = await until(async () => {
        const dec = ((await sessions()).body as { lastDecision?: { sessionId: string; reason: string } }).lastDecision
        return dec && dec.sessionId !== lastSession ? dec : null
      }, { what: 'a new session' })
      await until(() => d.state === 'idle', { what: 'device idle again' })
      expect(decision.reason).toBe('in-desired-state')
      expect(rpcs.slice(before).filter((r) => r.serial === d.facts.serial)).toEqual([])
    })
  })
}
