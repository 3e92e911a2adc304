/** The provisioning service as parts the standalone process and main.ts assemble: API plugin, start, close. */
import type { FastifyPluginAsync } from 'fastify'
import type { Logger } from 'pino'
import type { Bus, Stopper } from '@acs/bus'
import { createApiAuth, openApiKeyRepository, openAuditLog, serviceApi } from '@acs/api-kit'
import { awaitedResultV1, informHookV1 } from '@acs/contracts'
import type { Store } from '@acs/store'
import type { ProvisioningConfig } from './config.js'
import { startRpcResultConsumer } from './consumers/rpc-result.consumer.js'
import { handleAwaitedResult } from './handlers/awaited-result.handler.js'
import { handleInformHook } from './handlers/inform-hook.handler.js'
import { openProvisioningRepositories } from './repositories/open-repositories.js'
import { provisioningRoutes } from './routes/index.js'
import { createContext, SERVICE, type ProvisioningContext } from './service/context.js'
import { startLoop } from './service/sweeper.js'
import { sweepTasks } from './tasks/task-service.js'

/** What createProvisioning needs; the caller owns (and closes) the bus and the store. */
export interface ProvisioningDeps {
  config: ProvisioningConfig
  bus: Bus
  store: Store
  logger: Logger
  now?: () => Date
}

/** A provisioning service ready to start. */
export interface Provisioning {
  /** The REST API, to mount under /api/provisioning/v1. */
  api: FastifyPluginAsync
  /** Serves the in-session hooks, consumes RPC results and starts the task sweeper. */
  start(): Promise<void>
  /** Stops all of that, in reverse order. */
  close(): Promise<void>
  /** For tests and the standalone process: the shared context. */
  context: ProvisioningContext
}

/** Builds the service on a bus and a store (NATS + MongoDB, or the embedded implementations). */
export async function createProvisioning(deps: ProvisioningDeps): Promise<Provisioning> {
  const logger = deps.logger.child({ component: SERVICE })
  const repos = await openProvisioningRepositories(deps.store.backend)
  const ctx = createContext({ config: deps.config, bus: deps.bus, store: deps.store, repos, logger, now: deps.now ?? (() => new Date()) })
  const [keys, audit] = await Promise.all([openApiKeyRepository(deps.store.backend), openAuditLog(deps.store.backend)])
  const api = serviceApi({
    name: SERVICE,
    version: '1.0.0',
    description: 'Profiles (auto-configuration), the per-device view of provisioning, and ad-hoc device tasks.',
    auth: createApiAuth({ keys, adminApiKey: deps.config.ACS_ADMIN_API_KEY }),
    audit,
    routes: provisioningRoutes(ctx),
  })

  const stoppers: Stopper[] = []
  return {
    api,
    context: ctx,
    async start() {
      stoppers.push(await deps.bus.serve(informHookV1, { queue: SERVICE }, (hook) => handleInformHook(ctx, hook)))
      stoppers.push(await deps.bus.serve(awaitedResultV1, { queue: SERVICE, filter: awaitedResultV1.filter(SERVICE) }, (result) => handleAwaitedResult(ctx, result)))
      stoppers.push(await startRpcResultConsumer(ctx))
      stoppers.push(startLoop('task-sweeper', deps.config.ACS_PROVISIONING_SWEEP_INTERVAL_MS, () => sweepTasks(ctx), logger))
      logger.info('provisioning started')
    },
    async close() {
      for (const stop of stoppers.splice(0).reverse()) await stop()
    },
  }
}
