import swagger from '@fastify/swagger'
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyPluginAsync } from 'fastify'
import type { ApiAuth } from './api-auth.js'
import type { AuditLog } from './audit-log.js'
import { openApiOptions, sharedProblemSchema } from './openapi.js'
import { problemErrorHandler, problemNotFoundHandler } from './problem.js'
import { auditHook, authenticateHook } from './request-hooks.js'
import { isRole } from './roles.js'
import { typeboxValidatorCompiler } from './validator-compiler.js'

/** What a service hands to serviceApi. */
export interface ServiceApiOptions {
  /** The service name, as in /api/<name>/v1; recorded in audit records. */
  name: string
  /** The API's version for the OpenAPI document (e.g. the package version). */
  version: string
  description: string
  auth: ApiAuth
  audit: AuditLog
  /** The service's routes; each may set `config: { role }`. */
  routes: FastifyPluginAsyncTypebox
}

/**
 * A service's REST API as a plugin to mount under its prefix: TypeBox validation that rejects
 * unknown body properties, problem+json errors, an API key on every route with a role per
 * route, an audit record for every successful change, and the OpenAPI 3 document at
 * <prefix>/openapi.json. Health routes are separate (healthRoutes) because they need no key.
 */
export function serviceApi(options: ServiceApiOptions): FastifyPluginAsync {
  return async (app) => {
    app.setValidatorCompiler(typeboxValidatorCompiler)
    app.setErrorHandler(problemErrorHandler)
    app.setNotFoundHandler(problemNotFoundHandler)
    if (!app.hasRequestDecorator('principal')) app.decorateRequest('principal', null)
    if (!app.hasRequestDecorator('auditDetail')) app.decorateRequest('auditDetail', undefined)
    app.addHook('onRoute', (route) => {
      const role: unknown = route.config?.role
      if (role !== undefined && !isRole(role)) {
        throw new Error(`route ${String(route.method)} ${route.url}: config.role must be 'read', 'write' or 'admin'`)
      }
    })
    app.addHook('onRequest', authenticateHook(options.auth))
    app.addHook('onSend', auditHook(options.audit, options.name))
    app.addSchema(sharedProblemSchema)
    await app.register(swagger, openApiOptions({ ...options, prefix: app.prefix }))

    app.get('/openapi.json', { schema: { hide: true }, config: { role: 'read' } }, async () => app.swagger())
    await app.withTypeProvider<TypeBoxTypeProvider>().register(options.routes)
  }
}
