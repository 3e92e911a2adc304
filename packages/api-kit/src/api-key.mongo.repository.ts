import type { Collection, Db } from 'mongodb'
import { mintApiKey, parseApiKey, secretMatches } from './api-key-format.js'
import { LAST_USED_RESOLUTION_MS, type ApiKeyRecord, type ApiKeyRepository, type CreatedApiKey } from './api-key.repository.js'
import type { Principal, Role } from './roles.js'

interface ApiKeyDoc {
  _id: string
  name: string
  role: Role
  secretHash: string
  createdAt: Date
  revokedAt?: Date
}

interface ApiKeyUsageDoc {
  _id: string
  lastUsedAt: Date
}

const WITHOUT_SECRET = { projection: { secretHash: 0 } } as const

function toRecord(doc: Omit<ApiKeyDoc, 'secretHash'>, lastUsedAt: Date | undefined): ApiKeyRecord {
  const record: ApiKeyRecord = { id: doc._id, name: doc.name, role: doc.role, createdAt: doc.createdAt }
  if (lastUsedAt) record.lastUsedAt = lastUsedAt
  if (doc.revokedAt) record.revokedAt = doc.revokedAt
  return record
}

/**
 * API keys in `api_keys` (`_id` is the time-ordered key id, so no extra index). lastUsedAt lives
 * in its own collection, `api_key_usage`: FerretDB v1 does not make single-document updates
 * atomic, so a usage write racing a revoke on the same document could undo the revoke.
 */
export class MongoApiKeyRepository implements ApiKeyRepository {
  static readonly collectionName = 'api_keys'
  static readonly usageCollectionName = 'api_key_usage'

  /** Opens the collections (nothing to create: every query is by `_id`). */
  static async open(db: Db): Promise<MongoApiKeyRepository> {
    return new MongoApiKeyRepository(db.collection<ApiKeyDoc>(this.collectionName), db.collection<ApiKeyUsageDoc>(this.usageCollectionName))
  }

  /** When this process last wrote each key's lastUsedAt (epoch ms). */
  private readonly lastWritten = new Map<string, number>()

  private constructor(
    private readonly keys: Collection<ApiKeyDoc>,
    private readonly usage: Collection<ApiKeyUsageDoc>,
  ) {}

  async create(input: { name: string; role: Role }, now: Date): Promise<CreatedApiKey> {
    const minted = mintApiKey(now)
    const doc: ApiKeyDoc = { _id: minted.id, name: input.name, role: input.role, secretHash: minted.secretHash, createdAt: now }
    await this.keys.insertOne(doc)
    return { record: toRecord(doc, undefined), key: minted.key }
  }

  async list(options: { limit: number; after?: string }): Promise<ApiKeyRecord[]> {
    const filter = options.after === undefined ? {} : { _id: { $gt: options.after } }
    const docs = await this.keys.find(filter, WITHOUT_SECRET).sort({ _id: 1 }).limit(options.limit).toArray()
    if (docs.length === 0) return []
    const used = await this.usage.find({ _id: { $in: docs.map((d) => d._id) } }).toArray()
    const lastUsed = new Map(used.map((u) => [u._id, u.lastUsedAt]))
    return docs.map((d) => toRecord(d, lastUsed.get(d._id)))
  }

  async get(id: string): Promise<ApiKeyRecord | null> {
    const doc = await this.keys.findOne({ _id: id }, WITHOUT_SECRET)
    if (!doc) return null
    return toRecord(doc, (await this.usage.findOne({ _id: id }))?.lastUsedAt)
  }

  async revoke(id: string, now: Date): Promise<ApiKeyRecord | null> {
    // Two steps instead of findOneAndUpdate: FerretDB v1 has no projection on findAndModify,
    // and the secret hash must not leave the repository. The filter keeps the first revokedAt.
    await this.keys.updateOne({ _id: id, revokedAt: { $exists: false } }, { $set: { revokedAt: now } })
    return this.get(id)
  }

  async verify(key: string, now: Date): Promise<Principal | null> {
    const parsed = parseApiKey(key)
    if (!parsed) return null
    const doc = await this.keys.findOne({ _id: parsed.id })
    if (!doc || doc.revokedAt || !secretMatches(parsed.secret, doc.secretHash)) return null
    // Best effort, at most one write per key per resolution window in this process.
    const last = this.lastWritten.get(doc._id)
    if (last === undefined || now.getTime() - last >= LAST_USED_RESOLUTION_MS) {
      this.lastWritten.set(doc._id, now.getTime())
      void this.usage.updateOne({ _id: doc._id }, { $set: { lastUsedAt: now } }, { upsert: true }).catch(() => undefined)
    }
    return { keyId: doc._id, name: doc.name, role: doc.role }
  }

  async hasAnyKey(): Promise<boolean> {
    return (await this.keys.findOne({}, { projection: { _id: 1 } })) !== null
  }
}
