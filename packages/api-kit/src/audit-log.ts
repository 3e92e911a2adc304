/** Who made a change: the key that authenticated the request. */
export interface AuditActor {
  keyId: string
  name: string
}

/** One change made through an API: who, what, when, and how it ended. */
export interface AuditRecord {
  /** Time-ordered: newest first is descending id order. */
  id: string
  at: Date
  actor: AuditActor
  /** The service whose API was called (e.g. 'provisioning'). */
  service: string
  method: string
  /** The route pattern, e.g. /api/provisioning/v1/profiles/:id. */
  route: string
  params: Record<string, string>
  status: number
  summary?: string
  /** The id of the resource changed or created, when the route names one. */
  targetId?: string
}

/** A record to append; the log assigns the id. */
export type NewAuditRecord = Omit<AuditRecord, 'id'>

/** Filters and paging for reading the log (newest first). */
export interface AuditQuery {
  limit: number
  /** Only records older than this id (the last id of the previous page). */
  before?: string
  service?: string
  /** An actor's key id. */
  actor?: string
}

/** The append-only audit log: records are never updated or deleted through it. */
export interface AuditLog {
  /** Appends a record and returns it with its id. */
  record(entry: NewAuditRecord): Promise<AuditRecord>
  /** Records newest first, filtered by service and/or actor. */
  list(query: AuditQuery): Promise<AuditRecord[]>
}
