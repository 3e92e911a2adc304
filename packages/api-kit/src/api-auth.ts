import { constantTimeEqual } from './api-key-format.js'
import type { ApiKeyRepository } from './api-key.repository.js'
import type { Principal } from './roles.js'

/** Turns a presented API key into a principal, or null when it is not valid. */
export interface ApiAuth {
  authenticate(key: string, now: Date): Promise<Principal | null>
}

/** The principal of ACS_ADMIN_API_KEY (it has no stored record). */
export const ENV_ADMIN_PRINCIPAL: Principal = Object.freeze({ keyId: 'env-admin', name: 'ACS_ADMIN_API_KEY', role: 'admin' })

/** The shortest ACS_ADMIN_API_KEY accepted: anything shorter is guessable. */
export const MIN_ADMIN_API_KEY_LENGTH = 16

/** Raised at startup when ACS_ADMIN_API_KEY is set to something unusable. */
export class AdminApiKeyError extends Error {
  readonly code = 'ACS_ERR_API_ADMIN_KEY'
  constructor(message: string) {
    super(message)
    this.name = 'AdminApiKeyError'
  }
}

/**
 * Authentication from the key repository plus, when given, ACS_ADMIN_API_KEY, which is accepted
 * as an admin key (for automation and tests). Both are compared in constant time.
 */
export function createApiAuth(options: { keys: ApiKeyRepository; adminApiKey?: string | undefined }): ApiAuth {
  const adminKey = options.adminApiKey === '' ? undefined : options.adminApiKey
  if (adminKey !== undefined && adminKey.length < MIN_ADMIN_API_KEY_LENGTH) {
    throw new AdminApiKeyError(`ACS_ADMIN_API_KEY must be at least ${MIN_ADMIN_API_KEY_LENGTH} characters`)
  }
  return {
    async authenticate(key, now) {
      if (adminKey !== undefined && constantTimeEqual(key, adminKey)) return ENV_ADMIN_PRINCIPAL
      return options.keys.verify(key, now)
    },
  }
}
