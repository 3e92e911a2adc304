import type { Database, RootDatabase } from 'lmdb'
import { mintApiKey, parseApiKey, secretMatches } from './api-key-format.js'
import {
  LAST_USED_RESOLUTION_MS,
  type ApiKeyDocument,
  type ApiKeyRecord,
  type ApiKeyRepository,
  type CreatedApiKey,
} from './api-key.repository.js'
import type { Principal, Role } from './roles.js'

function withoutSecret(doc: ApiKeyDocument): ApiKeyRecord {
  const { secretHash: _secretHash, ...record } = doc
  return record
}

/** API keys in the embedded store: the `api-keys` database, keyed by the time-ordered id. */
export class EmbeddedApiKeyRepository implements ApiKeyRepository {
  static readonly databaseName = 'api-keys'

  /** Opens (or creates) the named database inside the store's lmdb environment. */
  static open(root: RootDatabase): EmbeddedApiKeyRepository {
    return new EmbeddedApiKeyRepository(root.openDB<ApiKeyDocument, string>({ name: this.databaseName }))
  }

  private constructor(private readonly db: Database<ApiKeyDocument, string>) {}

  async create(input: { name: string; role: Role }, now: Date): Promise<CreatedApiKey> {
    const minted = mintApiKey(now)
    const doc: ApiKeyDocument = { id: minted.id, name: input.name, role: input.role, secretHash: minted.secretHash, createdAt: now }
    await this.db.put(doc.id, doc)
    return { record: withoutSecret(doc), key: minted.key }
  }

  async list(options: { limit: number; after?: string }): Promise<ApiKeyRecord[]> {
    const out: ApiKeyRecord[] = []
    for (const { key, value } of this.db.getRange(options.after === undefined ? {} : { start: options.after })) {
      if (key === options.after) continue
      out.push(withoutSecret(value))
      if (out.length >= options.limit) break
    }
    return out
  }

  async get(id: string): Promise<ApiKeyRecord | null> {
    const doc = this.db.get(id)
    return doc ? withoutSecret(doc) : null
  }

  async revoke(id: string, now: Date): Promise<ApiKeyRecord | null> {
    return this.db.transaction(() => {
      const doc = this.db.get(id)
      if (!doc) return null
      if (doc.revokedAt) return withoutSecret(doc)
      const revoked = { ...doc, revokedAt: now }
      this.db.putSync(id, revoked)
      return withoutSecret(revoked)
    })
  }

  async verify(key: string, now: Date): Promise<Principal | null> {
    const parsed = parseApiKey(key)
    if (!parsed) return null
    const doc = this.db.get(parsed.id)
    if (!doc || doc.revokedAt || !secretMatches(parsed.secret, doc.secretHash)) return null
    if (!doc.lastUsedAt || now.getTime() - doc.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      // Read-modify-write in one transaction so a concurrent revoke is never overwritten.
      void this.db
        .transaction(() => {
          const current = this.db.get(parsed.id)
          if (current) this.db.putSync(parsed.id, { ...current, lastUsedAt: now })
        })
        .catch(() => undefined)
    }
    return { keyId: doc.id, name: doc.name, role: doc.role }
  }

  async hasAnyKey(): Promise<boolean> {
    for (const _key of this.db.getKeys({ limit: 1 })) return true
    return false
  }
}
