import './fastify-augment.js'

export { serviceApi, type ServiceApiOptions } from './service-api.js'
export type { AuditDetail } from './fastify-augment.js'
export { principalOf } from './request-hooks.js'
export {
  ApiError,
  BadRequestError,
  InvalidCursorError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  PreconditionFailedError,
  PayloadTooLargeError,
  RateLimitedError,
  type ProblemExtensions,
} from './errors.js'
export { ProblemDetails, FieldProblem, PROBLEM_CONTENT_TYPE, sendProblem, problemErrorHandler, problemNotFoundHandler } from './problem.js'
export { PageQuery, Page, type PageOf, type CursorKey, encodeCursor, decodeCursor, toPage } from './pagination.js'
export { Role, type Principal, roleAllows, isRole, defaultRoleFor } from './roles.js'
export type { ApiKeyRecord, ApiKeyRepository, CreatedApiKey } from './api-key.repository.js'
export { MongoApiKeyRepository } from './api-key.mongo.repository.js'
export { EmbeddedApiKeyRepository } from './api-key.embedded.repository.js'
export type { AuditLog, AuditRecord, NewAuditRecord, AuditQuery, AuditActor } from './audit-log.js'
export { MongoAuditLog } from './audit-log.mongo.js'
export { EmbeddedAuditLog } from './audit-log.embedded.js'
export { openApiKeyRepository, openAuditLog } from './open-repositories.js'
export type { ApiStoreBackend } from './store-backend.js'
export { type ApiAuth, createApiAuth, ENV_ADMIN_PRINCIPAL, MIN_ADMIN_API_KEY_LENGTH, AdminApiKeyError } from './api-auth.js'
export { ensureBootstrapAdminKey, BOOTSTRAP_KEY_NAME } from './bootstrap-admin-key.js'
export { apiKeyRoutes, ApiKeyView, CreatedApiKeyView, CreateApiKeyBody, AuditRecordView } from './api-key.routes.js'
export { healthRoutes, type HealthChecks } from './health.routes.js'
export { pingDependencies, ReadinessMonitor, type ReadinessDependency, type ReadinessMonitorOptions } from './readiness-monitor.js'
export { ApiKitEnv } from './api-kit.env.js'
export { registerStringFormats } from './formats.js'
export { SECURITY_SCHEMES } from './openapi.js'
