import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ApiKeyRecord, ApiKeyRepository } from './api-key.repository.js'
import type { AuditLog, AuditRecord } from './audit-log.js'
import { NotFoundError } from './errors.js'
import { decodeCursor, Page, PageQuery, toPage } from './pagination.js'
import { Role } from './roles.js'
import { isTimeOrderedId } from './time-ordered-id.js'

const IdCursor = Type.String({ pattern: '^[0-9a-f]{24}$' })

/** An API key as the API shows it (never with its secret). */
export const ApiKeyView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Role,
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Optional(Type.String({ format: 'date-time' })),
  revokedAt: Type.Optional(Type.String({ format: 'date-time' })),
})

/** The answer to POST /api-keys: the new key, shown this once. */
export const CreatedApiKeyView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Role,
  createdAt: Type.String({ format: 'date-time' }),
  key: Type.String({ description: 'the API key; only its hash is stored, so it is never shown again' }),
})

/** Body of POST /api-keys. */
export const CreateApiKeyBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100, description: 'who or what uses the key' }), role: Role },
  { additionalProperties: false },
)

/** An audit record as the API shows it. */
export const AuditRecordView = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Object({ keyId: Type.String(), name: Type.String() }),
  service: Type.String(),
  method: Type.String(),
  route: Type.String(),
  params: Type.Record(Type.String(), Type.String()),
  status: Type.Integer(),
  summary: Type.Optional(Type.String()),
  targetId: Type.Optional(Type.String()),
})

function keyView(r: ApiKeyRecord) {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    createdAt: r.createdAt.toISOString(),
    ...(r.lastUsedAt ? { lastUsedAt: r.lastUsedAt.toISOString() } : {}),
    ...(r.revokedAt ? { revokedAt: r.revokedAt.toISOString() } : {}),
  }
}

function auditView(r: AuditRecord) {
  return { ...r, at: r.at.toISOString() }
}

/**
 * Key management and the audit log, admin only: POST/GET /api-keys, DELETE /api-keys/:id
 * (revokes; the record stays for the audit trail), GET /audit. Mount inside serviceApi.
 */
export function apiKeyRoutes(deps: { keys: ApiKeyRepository; audit: AuditLog }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api-keys',
      {
        config: { role: 'admin' },
        schema: { summary: 'Create an API key', body: CreateApiKeyBody, response: { 201: CreatedApiKeyView } },
      },
      async (request, reply) => {
        const { record, key } = await deps.keys.create(request.body, new Date())
        request.auditDetail = { targetId: record.id, summary: `created API key '${record.name}' with role ${record.role}` }
        return reply.code(201).send({ id: record.id, name: record.name, role: record.role, createdAt: record.createdAt.toISOString(), key })
      },
    )

    app.get(
      '/api-keys',
      { config: { role: 'admin' }, schema: { summary: 'List API keys', querystring: PageQuery, response: { 200: Page(ApiKeyView) } } },
      async (request) => {
        const { limit, cursor } = request.query
        const after = cursor === undefined ? undefined : decodeCursor(cursor, IdCursor)
        const rows = await deps.keys.list({ limit: limit + 1, ...(after !== undefined ? { after } : {}) })
        return toPage(rows, limit, (r) => r.id, keyView)
      },
    )

    app.delete(
      '/api-keys/:id',
      {
        config: { role: 'admin' },
        schema: { summary: 'Revoke an API key', params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 204: Type.Null() } },
      },
      async (request, reply) => {
        const { id } = request.params
        const revoked = isTimeOrderedId(id) ? await deps.keys.revoke(id, new Date()) : null
        if (!revoked) throw new NotFoundError(`no API key with id ${id}`)
        request.auditDetail = { targetId: id, summary: `revoked API key '${revoked.name}'` }
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/audit',
      {
        config: { role: 'admin' },
        schema: {
          summary: 'Read the audit log, newest first',
          querystring: Type.Composite([
            PageQuery,
            Type.Object({
              service: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
              actor: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'an actor key id' })),
            }),
          ]),
          response: { 200: Page(AuditRecordView) },
        },
      },
      async (request) => {
        const { limit, cursor, service, actor } = request.query
        const before = cursor === undefined ? undefined : decodeCursor(cursor, IdCursor)
        const rows = await deps.audit.list({
          limit: limit + 1,
          ...(before !== undefined ? { before } : {}),
          ...(service !== undefined ? { service } : {}),
          ...(actor !== undefined ? { actor } : {}),
        })
        return toPage(rows, limit, (r) => r.id, auditView)
      },
    )
  }
}
