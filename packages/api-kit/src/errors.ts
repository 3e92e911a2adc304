/** Extra members added to the problem+json body (RFC 9457 extension members). */
export type ProblemExtensions = Record<string, unknown>

/**
 * An error that becomes a problem+json response with its own status and stable code.
 * Throw one of the subclasses from a route; anything else becomes a 500 without details.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extensions: ProblemExtensions = {},
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = 'ApiError'
  }
}

/** 400: the request is malformed in a way the schema could not express. */
export class BadRequestError extends ApiError {
  constructor(message: string, extensions?: ProblemExtensions) {
    super(400, 'ACS_ERR_API_BAD_REQUEST', message, extensions)
    this.name = 'BadRequestError'
  }
}

/** 400: a pagination cursor that this API did not hand out (or that was altered). */
export class InvalidCursorError extends ApiError {
  constructor(message = 'the cursor is not valid for this list; start again without a cursor') {
    super(400, 'ACS_ERR_API_INVALID_CURSOR', message)
    this.name = 'InvalidCursorError'
  }
}

/** 401: no API key, or one that is unknown, malformed or revoked. */
export class UnauthorizedError extends ApiError {
  constructor(message = 'a valid API key is required (Authorization: Bearer <key> or X-API-Key)') {
    super(401, 'ACS_ERR_API_UNAUTHORIZED', message)
    this.name = 'UnauthorizedError'
  }
}

/** 403: the key is valid but its role does not allow this operation. */
export class ForbiddenError extends ApiError {
  constructor(message: string) {
    super(403, 'ACS_ERR_API_FORBIDDEN', message)
    this.name = 'ForbiddenError'
  }
}

/** 404: the addressed resource does not exist. */
export class NotFoundError extends ApiError {
  constructor(message: string) {
    super(404, 'ACS_ERR_API_NOT_FOUND', message)
    this.name = 'NotFoundError'
  }
}

/** 409: the request conflicts with the current state (duplicate name, wrong state...). */
export class ConflictError extends ApiError {
  constructor(message: string, extensions?: ProblemExtensions) {
    super(409, 'ACS_ERR_API_CONFLICT', message, extensions)
    this.name = 'ConflictError'
  }
}

/** 412: an If-Match / version precondition did not hold; nothing was changed. */
export class PreconditionFailedError extends ApiError {
  constructor(message: string, extensions?: ProblemExtensions) {
    super(412, 'ACS_ERR_API_PRECONDITION_FAILED', message, extensions)
    this.name = 'PreconditionFailedError'
  }
}

/** 413: the request body (or an uploaded file) is over the allowed size. */
export class PayloadTooLargeError extends ApiError {
  constructor(message: string) {
    super(413, 'ACS_ERR_API_PAYLOAD_TOO_LARGE', message)
    this.name = 'PayloadTooLargeError'
  }
}

/** 429: too many requests; `retryAfterSeconds` becomes the Retry-After header. */
export class RateLimitedError extends ApiError {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(429, 'ACS_ERR_API_RATE_LIMITED', message)
    this.name = 'RateLimitedError'
  }
}
