import type { Database, RootDatabase } from 'lmdb'
import type { AuditLog, AuditQuery, AuditRecord, NewAuditRecord } from './audit-log.js'
import { timeOrderedId } from './time-ordered-id.js'

type IndexKey = [string, string]

/**
 * The audit log in the embedded store: records by time-ordered id, plus two index databases
 * keyed [service, id] and [actorKeyId, id] so filtered reads do not scan the whole log.
 */
export class EmbeddedAuditLog implements AuditLog {
  static readonly databaseName = 'audit'

  /** Opens (or creates) the log and its index databases in the store's lmdb environment. */
  static open(root: RootDatabase): EmbeddedAuditLog {
    return new EmbeddedAuditLog(
      root,
      root.openDB<AuditRecord, string>({ name: this.databaseName }),
      root.openDB<true, IndexKey>({ name: `${this.databaseName}.by-service` }),
      root.openDB<true, IndexKey>({ name: `${this.databaseName}.by-actor` }),
    )
  }

  private constructor(
    private readonly root: RootDatabase,
    private readonly records: Database<AuditRecord, string>,
    private readonly byService: Database<true, IndexKey>,
    private readonly byActor: Database<true, IndexKey>,
  ) {}

  async record(entry: NewAuditRecord): Promise<AuditRecord> {
    const record: AuditRecord = { id: timeOrderedId(entry.at), ...entry }
    await this.root.transaction(() => {
      this.records.putSync(record.id, record)
      this.byService.putSync([record.service, record.id], true)
      this.byActor.putSync([record.actor.keyId, record.id], true)
    })
    return record
  }

  async list(query: AuditQuery): Promise<AuditRecord[]> {
    const out: AuditRecord[] = []
    for (const record of this.newestFirst(query)) {
      if (query.service !== undefined && record.service !== query.service) continue
      if (query.actor !== undefined && record.actor.keyId !== query.actor) continue
      out.push(record)
      if (out.length >= query.limit) break
    }
    return out
  }

  /** Walks candidates newest first, through an index when a filter allows it. */
  private *newestFirst(query: AuditQuery): Generator<AuditRecord> {
    const index = query.actor !== undefined ? this.byActor : query.service !== undefined ? this.byService : null
    if (index === null) {
      const range = query.before === undefined ? { reverse: true } : { start: query.before, reverse: true }
      for (const { key, value } of this.records.getRange(range)) if (key !== query.before) yield value
      return
    }
    const prefix = (query.actor ?? query.service) as string
    // Reverse ranges start at the high end: [prefix, before) or everything under the prefix.
    const start: IndexKey = [prefix, query.before ?? '\uffff']
    for (const { key } of index.getRange({ start, end: [prefix], reverse: true })) {
      const id = key[1]
      if (id === query.before) continue
      const record = this.records.get(id)
      if (record) yield record
    }
  }
}
