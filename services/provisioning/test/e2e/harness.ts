import { join } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import { pino } from 'pino'
import { createInProcessBus, type Bus } from '@acs/bus'
import { createGateway, loadGatewayConfig, type Gateway } from '@acs/gateway'
import { openEmbeddedStore, type Store } from '@acs/store'
import { tempDir, type IntegrationContext, type TempDir } from '@acs/testing'
import { createProvisioning, loadProvisioningConfig, type Provisioning } from '../../src/index.js'

export const ADMIN_KEY = 'e2e-admin-key-0123456789'

/** A gateway, one or more provisioning replicas and an API server, on one bus and one store. */
export interface Acs {
  bus: Bus
  store: Store
  gateway: Gateway
  cwmpUrl: string
  replicas: Provisioning[]
  api: FastifyInstance
  /** Starts another replica on the same bus and store (or replaces a closed one). */
  addReplica(): Promise<Provisioning>
  request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>
  close(): Promise<void>
}

const logger = pino({ level: process.env.E2E_LOG ?? 'silent' })

export const PROVISIONING_ENV = {
  ACS_ADMIN_API_KEY: ADMIN_KEY,
  ACS_PROVISIONING_SWEEP_INTERVAL_MS: '200',
  ACS_PROVISIONING_PERIODIC_INFORM_INTERVAL_S: '3600',
  ACS_PROVISIONING_TASK_RETRY_BACKOFF_S: '10',
}

/** Starts the ACS parts on the embedded store and in-process bus, or on the servers of an integration context. */
export async function startAcs(options: { ctx?: IntegrationContext; replicas?: number } = {}): Promise<Acs> {
  let dir: TempDir | undefined
  let bus: Bus
  let store: Store
  if (options.ctx) {
    bus = await options.ctx.openBus('e2e')
    store = await options.ctx.openStore()
  } else {
    dir = await tempDir('acs-prov-e2e-')
    bus = createInProcessBus({})
    store = await openEmbeddedStore({ dir: join(dir.path, 'store') })
  }
  const gatewayConfig = loadGatewayConfig({ ACS_HOST: '127.0.0.1', ACS_CWMP_PORT: '7547', ACS_CR_MIN_INTERVAL_MS: '0', ACS_INFORM_RATE_PER_IP: '0', ACS_GATEWAY_SECRET: 'e2e-gateway-secret-0123456789abcdef' })
  const gateway = await createGateway({ config: gatewayConfig, bus, store, logger })
  await gateway.start()
  const { port } = await gateway.listen({ host: '127.0.0.1', port: 0 })
  const config = loadProvisioningConfig(PROVISIONING_ENV)
  const replicas: Provisioning[] = []
  const addReplica = async () => {
    const p = await createProvisioning({ config, bus, store, logger })
    await p.start()
    replicas.push(p)
    return p
  }
  for (let i = 0; i < (options.replicas ?? 1); i++) await addReplica()
  const api = Fastify({ loggerInstance: logger }) as unknown as FastifyInstance
  await api.register(replicas[0]!.api, { prefix: '/api/provisioning/v1' })
  await api.ready()
  return {
    bus,
    store,
    gateway,
    cwmpUrl: `http://127.0.0.1:${port}/`,
    replicas,
    api,
    addReplica,
    async request(method, url, body, headers = {}) {
      const res = await api.inject({ method, url: `/api/provisioning/v1${url}`, headers: { authorization: `Bearer ${ADMIN_KEY}`, ...headers }, ...(body !== undefined ? { payload: body as object } : {}) })
      return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as unknown) : null }
    },
    async close() {
      await api.close()
      for (const r of replicas.splice(0).reverse()) await r.close()
      await gateway.close()
      if (!options.ctx) {
        await bus.close()
        await store.close()
        await dir?.remove()
      }
    },
  }
}
