import type { FastifyPluginAsync } from 'fastify'

/** What /readyz asks: true when the process can serve (store and bus reachable...). */
export interface HealthChecks {
  ready: () => Promise<boolean>
}

/**
 * /healthz (200 while the process runs) and /readyz (200 when ready, 503 otherwise or when the
 * check throws). Unauthenticated: register it outside serviceApi, next to it.
 */
export function healthRoutes(checks: HealthChecks): FastifyPluginAsync {
  return async (app) => {
    app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }))
    app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
      const ready = await checks.ready().catch((err: unknown) => {
        request.log.warn({ err }, 'readiness check failed')
        return false
      })
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not-ready' })
    })
  }
}
