import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler, onSendHookHandler } from 'fastify'
import type { ApiAuth } from './api-auth.js'
import type { AuditLog } from './audit-log.js'
import { ForbiddenError, UnauthorizedError } from './errors.js'
import { defaultRoleFor, roleAllows, type Principal, type Role } from './roles.js'

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i
const MAX_KEY_LENGTH = 512

/** The key from `Authorization: Bearer <key>` or, failing that, `X-API-Key`. */
export function presentedKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization
  if (typeof authorization === 'string' && authorization !== '') return BEARER.exec(authorization)?.[1]
  const header = request.headers['x-api-key']
  return typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined
}

/** The role the matched route asks for (any key may see a 404). */
export function requiredRole(request: FastifyRequest): Role | null {
  if (request.is404) return null
  return request.routeOptions.config.role ?? defaultRoleFor(request.method)
}

/** The caller of a serviceApi route (whose onRequest hook has authenticated it). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthorizedError()
  return request.principal
}

/** onRequest hook: 401 without a valid key, 403 when its role is too low; sets request.principal. */
export function authenticateHook(auth: ApiAuth): onRequestAsyncHookHandler {
  return async (request) => {
    const key = presentedKey(request)
    if (key === undefined || key.length > MAX_KEY_LENGTH) throw new UnauthorizedError()
    const principal = await auth.authenticate(key, new Date())
    if (!principal) throw new UnauthorizedError('the API key is not valid (unknown, malformed or revoked)')
    request.principal = principal
    const needed = requiredRole(request)
    if (needed !== null && !roleAllows(principal.role, needed)) {
      throw new ForbiddenError(`this operation needs the '${needed}' role; the key '${principal.name}' has '${principal.role}'`)
    }
  }
}

const UNAUDITED_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function stringParams(params: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (params && typeof params === 'object') {
    for (const [k, v] of Object.entries(params)) out[k] = String(v)
  }
  return out
}

/**
 * onSend hook: after a successful (2xx) change, appends an audit record before the response
 * leaves, so a client that saw the 2xx can read the record. If the audit write fails the change
 * has already happened: the response still goes out and the failure is logged as an error.
 */
export function auditHook(audit: AuditLog, service: string): onSendHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply, payload) => {
    const status = reply.statusCode
    if (status < 200 || status >= 300 || UNAUDITED_METHODS.has(request.method) || request.is404) return payload
    const actor = request.principal
    if (!actor) return payload
    const detail = request.auditDetail
    try {
      await audit.record({
        at: new Date(),
        actor: { keyId: actor.keyId, name: actor.name },
        service,
        method: request.method,
        route: request.routeOptions.url ?? request.url,
        params: stringParams(request.params),
        status,
        ...(detail?.summary !== undefined ? { summary: detail.summary } : {}),
        ...(detail?.targetId !== undefined ? { targetId: detail.targetId } : {}),
      })
    } catch (err) {
      request.log.error({ err, service, method: request.method, route: request.routeOptions.url }, 'audit record could not be written')
    }
    return payload
  }
}
