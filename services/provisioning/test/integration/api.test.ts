import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Fastify, { type FastifyInstance } from 'fastify'
import { pino } from 'pino'
import { createInProcessBus, type Bus } from '@acs/bus'
import { deviceToken, informHookV1 } from '@acs/contracts'
import { fixtureFor } from '@acs/contracts/testing'
import { openEmbeddedStore, type Store } from '@acs/store'
import { tempDir, type TempDir } from '@acs/testing'
import { createProvisioning, loadProvisioningConfig, type Provisioning } from '../../src/index.js'
import { ADMIN_KEY, PROVISIONING_ENV } from '../e2e/harness.js'

const SSID = 'Device.WiFi.SSID.1.SSID'
const DEVICE = '00D09E-HG-API1'

describe('provisioning API', () => {
  let dir: TempDir
  let bus: Bus
  let store: Store
  let provisioning: Provisioning
  let app: FastifyInstance
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = { authorization: `Bearer ${ADMIN_KEY}` }) => {
    const res = await app.inject({ method, url: `/api/provisioning/v1${url}`, headers, ...(payload ? { payload } : {}) })
    return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {} }
  }

  beforeAll(async () => {
    dir = await tempDir('acs-prov-api-')
    bus = createInProcessBus({})
    store = await openEmbeddedStore({ dir: join(dir.path, 'store') })
    provisioning = await createProvisioning({ config: loadProvisioningConfig(PROVISIONING_ENV), bus, store, logger: pino({ level: 'silent' }) })
    await provisioning.start()
    app = Fastify() as unknown as FastifyInstance
    await app.register(provisioning.api, { prefix: '/api/provisioning/v1' })
    await bus.request(informHookV1, informHookV1.subject(deviceToken(DEVICE)), fixtureFor(informHookV1, {
      deviceId: DEVICE, sessionId: 's1', dataModelRoot: 'Device',
      deviceIdStruct: { manufacturer: 'Acme', oui: '00D09E', productClass: 'HG', serialNumber: 'API1' },
      events: [{ eventCode: '2 PERIODIC', commandKey: '' }],
      parameters: [{ name: 'Device.ManagementServer.ParameterKey', value: 'old', type: 'xsd:string' }],
    }), { timeoutMs: 5000 })
  })

  afterAll(async () => {
    await app?.close()
    await provisioning?.close()
    await bus?.close()
    await store?.close()
    await dir?.remove()
  })

  it('answers 401 without an API key and changes nothing', async () => {
    const res = await call('POST', '/profiles', { name: 'x', dataModelRoot: 'Device', filter: {} }, {})
    expect(res.status).toBe(401)
    expect((await call('GET', '/profiles')).body.items).toEqual([])
  })

  it('refuses an unknown body field with a 400 that names it', async () => {
    const res = await call('POST', '/profiles', { name: 'x', dataModelRoot: 'Device', filter: {}, colour: 'red' })
    expect(res.status).toBe(400)
  })

  it('replaces a profile only at the revision given in If-Match', async () => {
    const created = await call('POST', '/profiles', { name: 'p', dataModelRoot: 'Device', filter: {}, parameters: [{ name: SSID, value: 'a' }] })
    const id = created.body.id as string
    expect((await call('PUT', `/profiles/${id}`, { name: 'p', dataModelRoot: 'Device', filter: {} }, { authorization: `Bearer ${ADMIN_KEY}`, 'if-match': '"7"' })).status).toBe(412)
    expect((await call('PUT', `/profiles/${id}`, { name: 'p2', dataModelRoot: 'Device', filter: {}, parameters: [{ name: SSID, value: 'b-{{var.suffix}}' }] }, { authorization: `Bearer ${ADMIN_KEY}`, 'if-match': '"1"' })).body.revision).toBe(2)
  })

  it('shows which profile set each value, and the variables it needs', async () => {
    expect((await call('PATCH', `/devices/${encodeURIComponent(DEVICE)}/variables`, { suffix: 'z' })).status).toBe(200)
    const desired = await call('GET', `/devices/${encodeURIComponent(DEVICE)}/desired`)
    const params = desired.body.parameters as { name: string; value: string; source: string }[]
    expect(params.find((p) => p.name === SSID)?.value).toBe('b-z')
    expect(params.find((p) => p.name.endsWith('ConnectionRequestPassword'))?.value).toBe('********')
  })

  it('tells in a dry run which RPCs convergence would send', async () => {
    const res = await call('GET', `/devices/${encodeURIComponent(DEVICE)}/dry-run`)
    expect(res.body.converge).toBe(true)
    expect((res.body.rpcs as { method: string }[]).map((r) => r.method)).toEqual(['GetParameterValues', 'SetParameterValues'])
  })

  it('pages through devices with a cursor', async () => {
    const res = await call('GET', '/devices?limit=1')
    expect((res.body.items as { deviceId: string }[])[0]?.deviceId).toBe(DEVICE)
    expect(res.body.nextCursor).toBeUndefined()
  })

  it('cancels a queued task and refuses to cancel it twice', async () => {
    const task = await call('POST', `/devices/${encodeURIComponent(DEVICE)}/tasks`, { request: { method: 'Reboot' } })
    expect(task.status).toBe(201)
    expect((await call('POST', `/tasks/${task.body.id as string}/cancel`)).body.status).toBe('cancelled')
    expect((await call('POST', `/tasks/${task.body.id as string}/cancel`)).status).toBe(409)
  })
})
