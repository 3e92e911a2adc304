/** Process entry of the distributed mode: config -> NATS bus + MongoDB store -> service -> API on ACS_API_PORT. */
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import Fastify from 'fastify'
import { apiKeyRoutes, createApiAuth, healthRoutes, openApiKeyRepository, openAuditLog, pingDependencies, ReadinessMonitor, serviceApi } from '@acs/api-kit'
import { createInProcessBus, createNatsBus, type Bus } from '@acs/bus'
import { ConfigError, deploymentMode } from '@acs/config'
import { openEmbeddedStore, openMongoStore, type Store } from '@acs/store'
import { createLogger, onShutdownSignal, startTelemetry } from '@acs/telemetry'
import { createProvisioning } from './app.js'
import { loadProvisioningConfig } from './config.js'

const telemetry = startTelemetry({ serviceName: 'acs-provisioning' })
let bus: Bus | undefined
let store: Store | undefined
try {
  const config = loadProvisioningConfig()
  const logger = createLogger({ service: 'provisioning', level: config.ACS_LOG_LEVEL })
  if (deploymentMode(config) === 'distributed') {
    bus = await createNatsBus({ servers: config.NATS_URL!, name: 'acs-provisioning', logger: logger.child({ component: 'bus' }) })
    store = await openMongoStore({ url: config.MONGODB_URL! })
  } else {
    // Alone on the embedded store, provisioning can be tried out but sees no CPE (no gateway shares its bus).
    const dir = resolve(config.ACS_DATA_DIR)
    await mkdir(dir, { recursive: true })
    bus = createInProcessBus({ logger: logger.child({ component: 'bus' }) })
    store = await openEmbeddedStore({ dir: join(dir, 'store') })
  }
  const provisioning = await createProvisioning({ config, bus, store, logger })
  const openBus = bus
  const openStore = store
  const app = Fastify({ loggerInstance: logger.child({ component: 'api' }), connectionTimeout: 30_000, requestTimeout: 60_000, keepAliveTimeout: 5_000 })
  const readiness = new ReadinessMonitor({ dependencies: pingDependencies({ bus: openBus, store: openStore }), logger })
  await app.register(healthRoutes({ ready: async () => readiness.ready() }))
  await app.register(provisioning.api, { prefix: '/api/provisioning/v1' })
  // Key management lives with the first service operators run, so a distributed deployment can
  // create named keys (the ingress routes /api/auth/v1 here).
  const [keys, audit] = await Promise.all([openApiKeyRepository(store.backend), openAuditLog(store.backend)])
  const auth = createApiAuth({ keys, adminApiKey: config.ACS_ADMIN_API_KEY })
  await app.register(
    serviceApi({ name: 'auth', version: '1.0.0', description: 'API keys and the audit log', auth, audit, routes: apiKeyRoutes({ keys, audit }) }),
    { prefix: '/api/auth/v1' },
  )
  await provisioning.start()
  readiness.start()
  await app.listen({ host: config.ACS_HOST, port: config.ACS_API_PORT })
  onShutdownSignal(
    async () => {
      readiness.stop()
      await app.close()
      await provisioning.close()
      await openBus.close()
      await openStore.close()
      await telemetry.shutdown()
    },
    { graceMs: config.ACS_SHUTDOWN_GRACE_MS, log: (msg) => logger.info(msg) },
  )
} catch (err) {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\nSee services/provisioning/README.md for the variables.\n` : `failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  await bus?.close().catch(() => undefined)
  await store?.close().catch(() => undefined)
  await telemetry.shutdown()
  process.exit(1)
}
