import { STATUS_CODES } from 'node:http'
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { ApiError, RateLimitedError } from './errors.js'

/** One failing input field of a 400. */
export const FieldProblem = Type.Object({
  in: Type.String({ description: 'body, querystring, params or headers' }),
  field: Type.String({ description: 'JSON pointer to the field, "" for the whole part' }),
  message: Type.String(),
})

/** An RFC 9457 problem details body (media type application/problem+json). */
export const ProblemDetails = Type.Object(
  {
    type: Type.String({ description: 'always about:blank: `code` tells problems apart' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String({ description: 'the request path' }),
    code: Type.String({ description: 'stable error code, ACS_ERR_API_*' }),
    requestId: Type.String({ description: 'quote it when reporting a problem; the logs carry it' }),
    errors: Type.Optional(Type.Array(FieldProblem)),
  },
  { additionalProperties: true },
)
/** A problem details body. */
export type ProblemDetails = Static<typeof ProblemDetails>

/** The problem+json media type. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

/** Sends a problem+json response. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): FastifyReply {
  const body: ProblemDetails & Record<string, unknown> = {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance: request.url.split('?')[0] ?? request.url,
    code,
    requestId: String(request.id),
  }
  for (const [name, value] of Object.entries(extensions)) if (!(name in body)) body[name] = value
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(body)
}

/** Fastify's own 4xx errors (bad JSON, wrong media type, body too large...) keep their status. */
const FASTIFY_CODES: Record<number, string> = {
  400: 'ACS_ERR_API_BAD_REQUEST',
  401: 'ACS_ERR_API_UNAUTHORIZED',
  403: 'ACS_ERR_API_FORBIDDEN',
  404: 'ACS_ERR_API_NOT_FOUND',
  406: 'ACS_ERR_API_NOT_ACCEPTABLE',
  413: 'ACS_ERR_API_PAYLOAD_TOO_LARGE',
  415: 'ACS_ERR_API_UNSUPPORTED_MEDIA_TYPE',
  429: 'ACS_ERR_API_RATE_LIMITED',
}

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && typeof (error as Partial<FastifyError>).code === 'string'
}

/**
 * The error handler of every service API: ApiErrors and validation errors become their 4xx
 * problem; anything unexpected is logged with the request id and answered with a bare 500.
 */
export function problemErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof ApiError) {
    if (error instanceof RateLimitedError && error.retryAfterSeconds !== undefined) {
      void reply.header('retry-after', String(Math.ceil(error.retryAfterSeconds)))
    }
    if (error.status === 401) void reply.header('www-authenticate', 'Bearer realm="acs"')
    return sendProblem(request, reply, error.status, error.code, error.message, error.extensions)
  }
  if (isFastifyError(error) && error.validation) {
    const part = error.validationContext ?? 'request'
    const errors = error.validation.map((v) => ({ in: part, field: v.instancePath, message: v.message ?? 'invalid' }))
    const fields = errors.map((e) => (e.field === '' ? `${part}: ${e.message}` : `${part}${e.field}: ${e.message}`))
    return sendProblem(request, reply, 400, 'ACS_ERR_API_VALIDATION', `invalid request: ${fields.join('; ')}`, { errors })
  }
  if (isFastifyError(error) && error.code.startsWith('FST_') && error.statusCode !== undefined) {
    const status = error.statusCode
    if (status >= 400 && status < 500) {
      return sendProblem(request, reply, status, FASTIFY_CODES[status] ?? 'ACS_ERR_API_BAD_REQUEST', error.message)
    }
  }
  request.log.error({ err: error }, 'unhandled error in API route')
  return sendProblem(request, reply, 500, 'ACS_ERR_API_INTERNAL', `an unexpected error occurred; quote request id ${String(request.id)} when reporting it`)
}

/** Not-found handler: a problem+json 404 naming the method and path. */
export function problemNotFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0] ?? request.url
  return sendProblem(request, reply, 404, 'ACS_ERR_API_NOT_FOUND', `no route for ${request.method} ${path}`)
}
