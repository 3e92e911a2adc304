import type { FastifyDynamicSwaggerOptions, SwaggerTransform } from '@fastify/swagger'
import type { FastifySchema } from 'fastify'
import type { TSchema } from '@sinclair/typebox'
import { PROBLEM_CONTENT_TYPE, ProblemDetails } from './problem.js'
import { defaultRoleFor, type Role } from './roles.js'

/** Names of the security schemes in every service's OpenAPI document. */
export const SECURITY_SCHEMES = { bearer: 'apiKeyBearer', header: 'apiKeyHeader' } as const

/** The $id under which ProblemDetails is added to each service API, so the document holds it once. */
export const PROBLEM_SCHEMA_ID = 'ProblemDetails'

/** ProblemDetails as a shared schema, for app.addSchema. */
export const sharedProblemSchema: TSchema & { $id: string } = { ...ProblemDetails, $id: PROBLEM_SCHEMA_ID, title: PROBLEM_SCHEMA_ID }

function problem(description: string) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `${PROBLEM_SCHEMA_ID}#` } } } }
}

function routeRole(route: { method: string | string[]; config?: unknown }): Role {
  const configured = (route.config as { role?: Role } | undefined)?.role
  const method = Array.isArray(route.method) ? (route.method[0] ?? 'GET') : route.method
  return configured ?? defaultRoleFor(method)
}

/** A copy of an object schema in which properties that have a default are not required. */
function defaultsOptional(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object') return schema
  const { required, properties } = schema as { required?: unknown; properties?: Record<string, { default?: unknown }> }
  if (!Array.isArray(required) || !properties) return schema
  const stillRequired = required.filter((name) => typeof name !== 'string' || properties[name]?.default === undefined)
  return { ...schema, required: stillRequired }
}

/**
 * Documents what every route shares: the role it needs (`x-acs-role`) and its problem+json
 * error responses. Only the document changes; the route's own schema is left alone.
 */
const documentRoute: SwaggerTransform = ({ schema, url, route }) => {
  const role = routeRole(route)
  const own: FastifySchema = schema ?? {}
  const takesInput = own.body !== undefined || own.querystring !== undefined || own.params !== undefined || own.headers !== undefined
  const shared: Record<string, unknown> = {
    401: problem('no valid API key'),
    ...(role !== 'read' ? { 403: problem(`the key's role is below '${role}'`) } : {}),
    ...(takesInput ? { 400: problem('invalid input; `errors` lists each failing field') } : {}),
    ...(url.includes(':') ? { 404: problem('not found') } : {}),
  }
  const response = { ...shared, ...((own.response as Record<string, unknown> | undefined) ?? {}) }
  // A client may leave out what has a default (e.g. ?limit=), even though the validated type has it.
  const input = {
    ...(own.querystring !== undefined ? { querystring: defaultsOptional(own.querystring) } : {}),
    ...(own.body !== undefined ? { body: defaultsOptional(own.body) } : {}),
  }
  return { schema: { ...own, ...input, response, 'x-acs-role': role } as FastifySchema, url }
}

/** @fastify/swagger options for one service's OpenAPI 3 document. */
export function openApiOptions(options: { name: string; version: string; description: string; prefix: string }): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.0.3',
      info: { title: `ACS ${options.name} API`, version: options.version, description: options.description },
      ...(options.prefix !== '' ? { servers: [{ url: options.prefix }] } : {}),
      components: {
        securitySchemes: {
          [SECURITY_SCHEMES.bearer]: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' },
          [SECURITY_SCHEMES.header]: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'the API key in X-API-Key' },
        },
      },
      security: [{ [SECURITY_SCHEMES.bearer]: [] }, { [SECURITY_SCHEMES.header]: [] }],
    },
    transform: documentRoute,
    // Shared schemas appear under their $id (e.g. #/components/schemas/ProblemDetails).
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  }
}
