import type { Principal, Role } from './roles.js'

/** What a route may add to its audit record. Never put secrets here. */
export interface AuditDetail {
  summary?: string
  /** The id of the resource the request created or changed. */
  targetId?: string
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role a key needs for this route; default 'read' for GET/HEAD, 'write' otherwise. */
    role?: Role
  }
  interface FastifyRequest {
    /** The authenticated caller: set on every route of a serviceApi (null elsewhere); see principalOf. */
    principal: Principal | null
    /** Set by a handler to enrich the audit record of a successful change. */
    auditDetail: AuditDetail | undefined
  }
}
