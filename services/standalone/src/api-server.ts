import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify'
import { healthRoutes, problemNotFoundHandler } from '@acs/api-kit'
import type { Logger } from '@acs/telemetry'

/** A service's REST API plugin, mounted under /api/<name>/v1/ on the shared API port. */
export interface MountedApi {
  name: string
  plugin: FastifyPluginAsync
}

/**
 * The embedded default's single API port: health endpoints plus every service's API under its
 * own prefix, so clients see the same URLs as behind the distributed mode's ingress.
 */
export async function createApiServer(options: {
  logger: Logger
  apis: MountedApi[]
  ready: () => Promise<boolean>
}): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: options.logger.child({ component: 'api' }) as FastifyBaseLogger })
  await app.register(healthRoutes({ ready: options.ready }))
  app.get('/api', { schema: { hide: true } }, async () => ({
    services: options.apis.map((a) => ({ name: a.name, prefix: `/api/${a.name}/v1/`, openapi: `/api/${a.name}/v1/openapi.json` })),
  }))
  for (const api of options.apis) {
    await app.register(api.plugin, { prefix: `/api/${api.name}/v1` })
  }
  app.setNotFoundHandler(problemNotFoundHandler)
  return app
}
