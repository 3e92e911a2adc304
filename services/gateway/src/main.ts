/**
 * The gateway as its own process (distributed mode): config -> telemetry -> NATS bus + MongoDB
 * store -> gateway -> consumers -> listen; SIGTERM/SIGINT stop it within ACS_SHUTDOWN_GRACE_MS
 * (HTTP first, so in-flight sessions finish their request; then consumers, bus, store, telemetry).
 * The embedded all-in-one process is services/standalone.
 */
import type { LevelWithSilent } from 'pino'
import { createNatsBus, type Bus } from '@acs/bus'
import { ConfigError, deploymentMode } from '@acs/config'
import { openMongoStore, type Store } from '@acs/store'
import { createLogger, onShutdownSignal, startTelemetry } from '@acs/telemetry'
import { createGateway } from './app.js'
import { loadGatewayConfig } from './config.js'

const telemetry = startTelemetry({ serviceName: 'acs-gateway' })
let bus: Bus | undefined
let store: Store | undefined
try {
  const config = loadGatewayConfig(process.env)
  if (deploymentMode(config) !== 'distributed') {
    throw new ConfigError(['NATS_URL and MONGODB_URL are required: this is the distributed-mode gateway (run `pnpm start` for the all-in-one embedded ACS)'])
  }
  const logger = createLogger({ service: 'acs-gateway', level: config.ACS_LOG_LEVEL as LevelWithSilent })
  bus = await createNatsBus({ servers: config.NATS_URL!, name: `gateway-${config.ACS_GATEWAY_ID}`, logger: logger.child({ component: 'bus' }) })
  store = await openMongoStore({ url: config.MONGODB_URL! })
  const gateway = await createGateway({ config, bus, store, logger: logger.child({ component: 'gateway' }) })
  await gateway.start()
  await gateway.listen()
  const openBus = bus
  const openStore = store
  onShutdownSignal(
    async () => {
      await gateway.close()
      await openBus.close()
      await openStore.close()
      await telemetry.shutdown()
    },
    { graceMs: config.ACS_SHUTDOWN_GRACE_MS, log: (msg) => logger.info(msg) },
  )
} catch (err) {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `gateway failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  await bus?.close().catch(() => {})
  await store?.close().catch(() => {})
  await telemetry.shutdown()
  process.exit(1)
}
