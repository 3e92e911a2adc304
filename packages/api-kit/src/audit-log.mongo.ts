import type { Collection, Db, Filter, IndexDescription } from 'mongodb'
import { ensureIndexes } from '@acs/store'
import type { AuditLog, AuditQuery, AuditRecord, NewAuditRecord } from './audit-log.js'
import { timeOrderedId } from './time-ordered-id.js'

type AuditDoc = Omit<AuditRecord, 'id'> & { _id: string }

function toRecord({ _id, ...rest }: AuditDoc): AuditRecord {
  return { id: _id, ...rest }
}

/** The audit log in the `audit_log` collection; `_id` is time-ordered so newest first is `_id: -1`. */
export class MongoAuditLog implements AuditLog {
  static readonly collectionName = 'audit_log'
  static readonly indexes: (IndexDescription & { name: string })[] = [
    { key: { service: 1, _id: -1 }, name: 'service_newest' },
    { key: { 'actor.keyId': 1, _id: -1 }, name: 'actor_newest' },
  ]

  /** Opens the collection and creates the filter indexes it lacks (by name: FerretDB v1 crashes on a re-created index). */
  static async open(db: Db): Promise<MongoAuditLog> {
    const col = db.collection<AuditDoc>(this.collectionName)
    await ensureIndexes(col, this.indexes)
    return new MongoAuditLog(col)
  }

  private constructor(private readonly col: Collection<AuditDoc>) {}

  async record(entry: NewAuditRecord): Promise<AuditRecord> {
    const doc: AuditDoc = { _id: timeOrderedId(entry.at), ...entry }
    await this.col.insertOne(doc)
    return toRecord(doc)
  }

  async list(query: AuditQuery): Promise<AuditRecord[]> {
    const filter: Filter<AuditDoc> = {}
    if (query.service !== undefined) filter.service = query.service
    if (query.actor !== undefined) filter['actor.keyId'] = query.actor
    if (query.before !== undefined) filter._id = { $lt: query.before }
    const docs = await this.col.find(filter).sort({ _id: -1 }).limit(query.limit).toArray()
    return docs.map(toRecord)
  }
}
