import { readFile } from 'node:fs/promises'
import type { IncomingHttpHeaders } from 'node:http'
import type { Readable } from 'node:stream'
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { healthRoutes, type HealthChecks } from '@acs/api-kit/health'
import type { GatewayConfig } from '../config.js'
import type { SessionRunner } from '../session/session-runner.js'
import { parseSessionToken, type SessionRef } from '../session/session-token.js'
import { readRawBody } from './raw-body.js'

/** The session cookie binding the POSTs of one session (§2.3); value = session-token.ts. */
export const SESSION_COOKIE = 'acs_session'
// RFC 6265 lets a cookie value be quoted; some CPE stacks send it back that way.
const COOKIE_PATTERN = new RegExp(`(?:^|;)\\s*${SESSION_COOKIE}=("?)([0-9A-Za-z._-]{1,1100})\\1\\s*(?=;|$)`, 'g')

/** The session a Cookie header names: its first session cookie this gateway issued (a stale or foreign one before it is skipped). */
export function sessionFromCookie(header: string | undefined): SessionRef | undefined {
  if (!header) return undefined
  for (const m of header.matchAll(COOKIE_PATTERN)) {
    const ref = parseSessionToken(m[2] as string)
    if (ref) return ref
  }
  return undefined
}

/** The Set-Cookie value for a new session; `Secure` over TLS. Session-scoped (no Expires), Path=/ since ACS URLs vary. */
export function sessionCookie(token: string, tls: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly${tls ? '; Secure' : ''}`
}

function normaliseAddress(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip
}

/**
 * The CWMP endpoint: POST on any path (CPEs are configured with arbitrary ACS URL paths), the
 * body read raw whatever its Content-Type (or none; §15: never reject on it), chunked and
 * `Expect: 100-continue` handled by Node, gzip/deflate undone, every server timeout explicit.
 * GET /healthz and /readyz answer probes.
 */
export async function createCwmpServer(options: {
  config: GatewayConfig
  logger: Logger
  runner: SessionRunner
  health: HealthChecks
}): Promise<FastifyInstance> {
  const { config } = options
  const tls = config.ACS_CWMP_TLS_CERT_FILE && config.ACS_CWMP_TLS_KEY_FILE
    ? { cert: await readFile(config.ACS_CWMP_TLS_CERT_FILE), key: await readFile(config.ACS_CWMP_TLS_KEY_FILE) }
    : null
  const app = Fastify({
    loggerInstance: options.logger.child({ layer: 'http' }),
    // Per-request log lines would cost more than a whole CWMP exchange; sessions log what matters.
    logController: new LogController({ disableRequestLogging: true }),
    // Fastify makes a pino child per request (for its reqId binding): ~15 µs of a CWMP request.
    // Requests share the endpoint's logger instead; sessions log their own ids.
    childLoggerFactory: (logger) => logger,
    bodyLimit: config.ACS_CWMP_MAX_BODY_BYTES,
    connectionTimeout: config.ACS_CWMP_REQUEST_TIMEOUT_MS,
    requestTimeout: config.ACS_CWMP_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: config.ACS_CWMP_KEEPALIVE_TIMEOUT_MS,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    ...(tls ? { https: tls } : {}),
    // HTTP and HTTPS instances differ only in their raw server type; callers use the common surface.
  }) as unknown as FastifyInstance
  app.server.headersTimeout = Math.min(10_000, config.ACS_CWMP_REQUEST_TIMEOUT_MS)

  // Route every body, whatever it claims to be, to the one raw parser. Set to undefined rather
  // than deleted: a delete turns the headers object into a dictionary, slowing every later read.
  app.addHook('onRequest', (request, _reply, done) => {
    request.headers['content-type'] = undefined
    done()
  })
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', async (request: { headers: IncomingHttpHeaders }, payload: Readable) =>
    readRawBody(payload, request.headers, config.ACS_CWMP_MAX_BODY_BYTES),
  )

  // Probes of the orchestrator and the load balancer (GET; CPEs only POST).
  await app.register(healthRoutes(options.health))
  app.route({
    method: 'POST',
    url: '*',
    handler: async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
      const result = await options.runner.handle({
        body,
        session: sessionFromCookie(request.headers.cookie),
        authorization: request.headers.authorization,
        remoteAddress: normaliseAddress(request.ip ?? ''),
        connection: `${request.socket.remoteAddress ?? ''}:${request.socket.remotePort ?? ''}`,
      })
      reply.code(result.status)
      for (const [name, value] of Object.entries(result.headers)) reply.header(name, value)
      if (result.status === 204 || result.body === undefined) return reply.send()
      return reply.send(result.body)
    },
  })
  return app
}
