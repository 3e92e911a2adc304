import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { createInProcessBus, createNatsBus, type Bus } from '@acs/bus'
import { deploymentMode } from '@acs/config'
import { createGateway, loadGatewayConfig } from '@acs/gateway'
import { openEmbeddedStore, openMongoStore, type Store } from '@acs/store'
import { createLogger, type Logger } from '@acs/telemetry'
import { createApiServer } from './api-server.js'

/** A running ACS: where it listens and how to stop it. */
export interface RunningAcs {
  mode: 'embedded' | 'distributed'
  cwmpUrl: string
  apiUrl: string
  logger: Logger
  shutdownGraceMs: number
  close(): Promise<void>
}

/**
 * Starts every part of the ACS in this process: the CWMP gateway and the services' APIs on one
 * API port. With neither NATS_URL nor MONGODB_URL set it runs on the in-process bus and the
 * embedded store in ACS_DATA_DIR (the default); with both, on NATS and MongoDB.
 */
export async function startStandalone(env: NodeJS.ProcessEnv = process.env, options: { logger?: Logger } = {}): Promise<RunningAcs> {
  const config = loadGatewayConfig(env)
  const mode = deploymentMode(config)
  const logger = options.logger ?? createLogger({ service: 'acs', level: config.ACS_LOG_LEVEL })

  let bus: Bus | undefined
  let store: Store | undefined
  try {
    if (mode === 'embedded') {
      const dir = resolve(config.ACS_DATA_DIR)
      await mkdir(dir, { recursive: true })
      bus = createInProcessBus({ logger: logger.child({ component: 'bus' }) })
      store = await openEmbeddedStore({ dir: join(dir, 'store') })
      logger.info({ dataDir: dir }, 'embedded mode: in-process bus, embedded store')
    } else {
      bus = await createNatsBus({ servers: config.NATS_URL!, name: `acs-${config.ACS_GATEWAY_ID}`, logger: logger.child({ component: 'bus' }) })
      store = await openMongoStore({ url: config.MONGODB_URL! })
      logger.info('distributed mode: NATS and MongoDB')
    }
    const gateway = await createGateway({ config, bus, store, logger: logger.child({ component: 'gateway' }) })
    await gateway.start()
    const { port: cwmpPort } = await gateway.listen()

    const api = await createApiServer({ logger, apis: [], ready: async () => true })
    const apiAddress = await api.listen({ host: config.ACS_HOST, port: config.ACS_API_PORT })
    const scheme = config.ACS_CWMP_TLS_CERT_FILE ? 'https' : 'http'
    const cwmpUrl = `${scheme}://${hostForUrl(config.ACS_HOST)}:${cwmpPort}/`
    logger.info({ cwmpUrl, apiUrl: apiAddress }, 'ACS started')

    const openBus = bus
    const openStore = store
    return {
      mode,
      cwmpUrl,
      apiUrl: apiAddress,
      logger,
      shutdownGraceMs: config.ACS_SHUTDOWN_GRACE_MS,
      async close() {
        await api.close()
        await gateway.close()
        await openBus.close()
        await openStore.close()
      },
    }
  } catch (err) {
    await bus?.close().catch(() => {})
    await store?.close().catch(() => {})
    throw err
  }
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}
