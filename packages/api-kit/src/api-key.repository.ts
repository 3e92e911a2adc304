import type { Principal, Role } from './roles.js'

/** An API key as stored, without its secret. */
export interface ApiKeyRecord {
  id: string
  name: string
  role: Role
  createdAt: Date
  /** Best effort: updated at most once a minute per key. */
  lastUsedAt?: Date
  revokedAt?: Date
}

/** The stored form: the record plus the SHA-256 of the secret. */
export interface ApiKeyDocument extends ApiKeyRecord {
  secretHash: string
}

/** What create returns: the record and the plaintext key, which is never available again. */
export interface CreatedApiKey {
  record: ApiKeyRecord
  key: string
}

/** API keys by id; ids sort by creation time. */
export interface ApiKeyRepository {
  /** Mints and stores a key; the plaintext is returned once and only its hash is kept. */
  create(input: { name: string; role: Role }, now: Date): Promise<CreatedApiKey>
  /** Keys in creation order, after the id `after`, at most `limit`; never includes secrets. */
  list(options: { limit: number; after?: string }): Promise<ApiKeyRecord[]>
  /** One key without its secret, revoked or not; null when unknown. */
  get(id: string): Promise<ApiKeyRecord | null>
  /** Marks the key revoked (keeping the first revocation time); null when unknown. */
  revoke(id: string, now: Date): Promise<ApiKeyRecord | null>
  /** The principal of a valid, unrevoked key (compared in constant time); null otherwise. */
  verify(key: string, now: Date): Promise<Principal | null>
  /** Whether any key, revoked or not, was ever created. */
  hasAnyKey(): Promise<boolean>
}

/** How stale lastUsedAt may get before verify writes it again. */
export const LAST_USED_RESOLUTION_MS = 60_000
