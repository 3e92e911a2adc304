import { EmbeddedApiKeyRepository } from './api-key.embedded.repository.js'
import { MongoApiKeyRepository } from './api-key.mongo.repository.js'
import type { ApiKeyRepository } from './api-key.repository.js'
import { EmbeddedAuditLog } from './audit-log.embedded.js'
import type { AuditLog } from './audit-log.js'
import { MongoAuditLog } from './audit-log.mongo.js'
import type { ApiStoreBackend } from './store-backend.js'

/** Opens the API key repository on whichever store backend the process runs with. */
export async function openApiKeyRepository(backend: ApiStoreBackend): Promise<ApiKeyRepository> {
  return backend.kind === 'mongo' ? MongoApiKeyRepository.open(backend.db) : EmbeddedApiKeyRepository.open(backend.root)
}

/** Opens the audit log on whichever store backend the process runs with. */
export async function openAuditLog(backend: ApiStoreBackend): Promise<AuditLog> {
  return backend.kind === 'mongo' ? MongoAuditLog.open(backend.db) : EmbeddedAuditLog.open(backend.root)
}
