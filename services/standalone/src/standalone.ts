import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import {
  apiKeyRoutes,
  createApiAuth,
  ensureBootstrapAdminKey,
  openApiKeyRepository,
  openAuditLog,
  serviceApi,
} from '@acs/api-kit'
import { createInProcessBus, createNatsBus, type Bus } from '@acs/bus'
import { deploymentMode } from '@acs/config'
import { createGateway } from '@acs/gateway'
import { createProvisioning } from '@acs/provisioning'
import { openEmbeddedStore, openMongoStore, type Store } from '@acs/store'
import { createLogger, type Logger } from '@acs/telemetry'
import { createApiServer } from './api-server.js'
import { loadStandaloneConfig } from './config.js'

/** A running ACS: where it listens and how to stop it. */
export interface RunningAcs {
  mode: 'embedded' | 'distributed'
  cwmpUrl: string
  apiUrl: string
  logger: Logger
  shutdownGraceMs: number
  close(): Promise<void>
}

export interface StandaloneOptions {
  logger?: Logger
  /** Where the one-time bootstrap admin key is shown (default: stderr, kept out of JSON logs). */
  announce?: (message: string) => void
}

/**
 * Starts every part of the ACS in this process: the CWMP gateway and the services' APIs on one
 * API port. With neither NATS_URL nor MONGODB_URL set it runs on the in-process bus and the
 * embedded store in ACS_DATA_DIR (the default); with both, on NATS and MongoDB.
 */
export async function startStandalone(env: NodeJS.ProcessEnv = process.env, options: StandaloneOptions = {}): Promise<RunningAcs> {
  const config = loadStandaloneConfig(env)
  const mode = deploymentMode(config)
  const logger = options.logger ?? createLogger({ service: 'acs', level: config.ACS_LOG_LEVEL })
  const announce = options.announce ?? ((message: string) => process.stderr.write(`${message}\n`))

  const stack: { name: string; close: () => Promise<void> }[] = []
  const closeAll = async () => {
    for (const part of stack.splice(0).reverse()) {
      await part.close().catch((err: unknown) => logger.error({ err, part: part.name }, 'failed to close'))
    }
  }
  try {
    let bus: Bus
    let store: Store
    if (mode === 'embedded') {
      const dir = resolve(config.ACS_DATA_DIR)
      await mkdir(dir, { recursive: true })
      bus = createInProcessBus({ logger: logger.child({ component: 'bus' }) })
      stack.push({ name: 'bus', close: () => bus.close() })
      store = await openEmbeddedStore({ dir: join(dir, 'store') })
      stack.push({ name: 'store', close: () => store.close() })
      logger.info({ dataDir: dir }, 'embedded mode: in-process bus, embedded store')
    } else {
      bus = await createNatsBus({ servers: config.NATS_URL!, name: `acs-${config.ACS_GATEWAY_ID}`, logger: logger.child({ component: 'bus' }) })
      stack.push({ name: 'bus', close: () => bus.close() })
      store = await openMongoStore({ url: config.MONGODB_URL! })
      stack.push({ name: 'store', close: () => store.close() })
      logger.info('distributed mode: NATS and MongoDB')
    }

    const keys = await openApiKeyRepository(store.backend)
    const audit = await openAuditLog(store.backend)
    const auth = createApiAuth({ keys, adminApiKey: config.ACS_ADMIN_API_KEY })
    if (mode === 'embedded') await ensureBootstrapAdminKey(keys, announce)

    // Services first, so the gateway's first session already finds their in-session hooks.
    const provisioning = await createProvisioning({ config, bus, store, logger })
    stack.push({ name: 'provisioning', close: () => provisioning.close() })
    await provisioning.start()

    const gateway = await createGateway({ config, bus, store, logger: logger.child({ component: 'gateway' }) })
    stack.push({ name: 'gateway', close: () => gateway.close() })
    await gateway.start()

    const api = await createApiServer({
      logger,
      // The gateway's check covers the bus and the store every part of this process shares.
      ready: () => gateway.ready(),
      apis: [
        {
          name: 'auth',
          plugin: serviceApi({
            name: 'auth',
            version: '1.0.0',
            description: 'API keys and the audit log',
            auth,
            audit,
            routes: apiKeyRoutes({ keys, audit }),
          }),
        },
        { name: 'provisioning', plugin: provisioning.api },
      ],
    })
    stack.push({ name: 'api', close: () => api.close() })
    const { port: cwmpPort } = await gateway.listen()
    const apiUrl = await api.listen({ host: config.ACS_HOST, port: config.ACS_API_PORT })
    const scheme = config.ACS_CWMP_TLS_CERT_FILE ? 'https' : 'http'
    const cwmpUrl = `${scheme}://${hostForUrl(config.ACS_HOST)}:${cwmpPort}/`
    logger.info({ cwmpUrl, apiUrl }, 'ACS started')

    return { mode, cwmpUrl, apiUrl, logger, shutdownGraceMs: config.ACS_SHUTDOWN_GRACE_MS, close: closeAll }
  } catch (err) {
    await closeAll()
    throw err
  }
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}
