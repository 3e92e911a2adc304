/**
 * The cookie-less fallback (§15): which session was opened over a TCP connection (address:port).
 * A connection only ever reaches the replica that accepted it, so this lives in that replica's
 * memory: no shared store is needed, and an Inform costs no extra write. Entries expire after the
 * session timeout; insertion order is expiry order, so a sweep stops at the first live entry.
 */
export class ConnectionSessions {
  private readonly entries = new Map<string, { sessionId: string; expiresAt: number }>()

  constructor(private readonly ttlMs: number) {}

  /** Remembers that `connection` carries `sessionId` from now on. */
  remember(connection: string, sessionId: string, now: number): void {
    this.sweep(now)
    this.entries.delete(connection)
    this.entries.set(connection, { sessionId, expiresAt: now + this.ttlMs })
  }

  /** The session last opened over `connection`, if it has not expired. */
  lookup(connection: string, now: number): string | null {
    const entry = this.entries.get(connection)
    return entry !== undefined && entry.expiresAt > now ? entry.sessionId : null
  }

  /** Entries currently held (expired ones included until the next sweep). */
  get size(): number {
    return this.entries.size
  }

  private sweep(now: number): void {
    for (const [connection, entry] of this.entries) {
      if (entry.expiresAt > now) return
      this.entries.delete(connection)
    }
  }
}
