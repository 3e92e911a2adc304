import Fastify, { type FastifyInstance } from 'fastify'
import type { Logger } from '@acs/telemetry'

/** A service's REST API, mounted under /api/<name>/v1/ on the shared API port. */
export interface MountedApi {
  name: string
  register(app: FastifyInstance): Promise<void>
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
  const app = Fastify({ loggerInstance: options.logger.child({ component: 'api' }) })
  app.get('/healthz', async () => ({ status: 'ok' }))
  app.get('/readyz', async (_req, reply) => {
    const ok = await options.ready().catch(() => false)
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not-ready' })
  })
  app.get('/api', async () => ({ services: options.apis.map((a) => ({ name: a.name, prefix: `/api/${a.name}/v1/` })) }))
  for (const api of options.apis) {
    await app.register(async (scope) => api.register(scope), { prefix: `/api/${api.name}/v1` })
  }
  app.setNotFoundHandler((req, reply) =>
    reply
      .code(404)
      .type('application/problem+json')
      .send({ type: 'about:blank', title: 'Not Found', status: 404, detail: `no route for ${req.method} ${req.url}` }),
  )
  return app
}
