import { Writable } from 'node:stream'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { pino } from 'pino'
import {
  apiKeyRoutes,
  createApiAuth,
  healthRoutes,
  openApiKeyRepository,
  openAuditLog,
  serviceApi,
  type ApiKeyRepository,
  type ApiStoreBackend,
  type AuditLog,
} from '@acs/api-kit'
import { sampleRoutes, WidgetStore } from './sample-service.js'

/** The environment admin key the tests configure. */
export const ENV_ADMIN_KEY = 'env-admin-key-for-tests-0123456789'

/** A test server: the sample service at /api/sample/v1, key management at /api/auth/v1, health at /. */
export interface TestApp {
  app: FastifyInstance
  keys: ApiKeyRepository
  audit: AuditLog
  widgets: WidgetStore
  /** Every log line the server wrote, parsed. */
  logs: Record<string, unknown>[]
  /** Creates a stored key with that role and returns its plaintext. */
  keyWithRole(role: 'read' | 'write' | 'admin'): Promise<string>
}

/** Builds the test server on a backend; the caller closes `app`. */
export async function buildTestApp(
  backend: ApiStoreBackend,
  options: { ready?: () => Promise<boolean>; adminApiKey?: string } = {},
): Promise<TestApp> {
  const keys = await openApiKeyRepository(backend)
  const audit = await openAuditLog(backend)
  const auth = createApiAuth({ keys, adminApiKey: options.adminApiKey ?? ENV_ADMIN_KEY })
  const widgets = new WidgetStore()
  const logs: Record<string, unknown>[] = []
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>)
      done()
    },
  })
  const app: FastifyInstance = Fastify({ loggerInstance: pino({ level: 'warn' }, sink) as FastifyBaseLogger })
  await app.register(healthRoutes({ ready: options.ready ?? (async () => true) }))
  await app.register(
    serviceApi({ name: 'sample', version: '1.2.3', description: 'test-only widgets', auth, audit, routes: sampleRoutes(widgets) }),
    { prefix: '/api/sample/v1' },
  )
  await app.register(
    serviceApi({ name: 'auth', version: '1.0.0', description: 'API keys and audit', auth, audit, routes: apiKeyRoutes({ keys, audit }) }),
    { prefix: '/api/auth/v1' },
  )
  await app.ready()
  let n = 0
  return {
    app,
    keys,
    audit,
    widgets,
    logs,
    async keyWithRole(role) {
      return (await keys.create({ name: `${role}-key-${n++}`, role }, new Date())).key
    },
  }
}

/** Authorization header for a key. */
export function bearer(key: string): { authorization: string } {
  return { authorization: `Bearer ${key}` }
}
