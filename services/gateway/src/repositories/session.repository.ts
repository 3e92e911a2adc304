import type { Bus, KvBucket } from '@acs/bus'
import { decodeSession, encodeSession } from '../session/session-codec.js'
import { ConnectionSessions } from './connection-sessions.js'
import type { LiveSessionState, SessionData } from '../session/session-types.js'

const decoder = new TextDecoder()

/** Who holds a device lock: stored as the lock entry's value. */
export interface LockOwner {
  sessionId: string
  /** ms since epoch */
  startedAt: number
  /** ms since epoch of this write */
  at: number
  remoteAddress: string
}

/** The result of trying to take a device lock. */
export type LockResult =
  | { acquired: true; revision: number; replaced?: { owner: LockOwner; state: LiveSessionState | null; outcome: 'timed-out' | 'superseded' } }
  | { acquired: false; owner: LockOwner | null }

/** A session as loaded from the KV, with the revision for the compare-and-set write. */
export interface LoadedSession {
  state: LiveSessionState
  revision: number
}

// Keys are the ids themselves: the bus maps any string to a valid key of its KV store.
const deviceKey = (deviceId: string): string => deviceId

function parseOwner(bytes: Uint8Array): LockOwner | null {
  try {
    const v = JSON.parse(decoder.decode(bytes)) as Partial<LockOwner>
    if (typeof v.sessionId !== 'string' || typeof v.startedAt !== 'number' || typeof v.at !== 'number') return null
    return { sessionId: v.sessionId, startedAt: v.startedAt, at: v.at, remoteAddress: typeof v.remoteAddress === 'string' ? v.remoteAddress : '' }
  } catch {
    return null
  }
}

/**
 * Session state and device locks in bus KV buckets, so that any replica can serve the next request
 * of a session; the cookie-less fallback in this replica's memory (see ConnectionSessions). Session entries expire `sessionTimeoutMs`
 * after their last write; locks live longer (4x) and are refreshed by long sessions, because a
 * lock's liveness is judged by its owner's session entry, not by the lock's own age.
 */
export class SessionRepository {
  static async open(
    bus: Bus,
    options: { sessionTimeoutMs: number; openingGraceMs: number; sameAddressSupersedes: boolean },
  ): Promise<SessionRepository> {
    const [sessions, locks] = await Promise.all([
      bus.kv('cwmp_sessions', { ttlMs: options.sessionTimeoutMs }),
      bus.kv('cwmp_device_locks', { ttlMs: options.sessionTimeoutMs * 4 }),
    ])
    return new SessionRepository(sessions, locks, options)
  }

  private constructor(
    private readonly sessions: KvBucket,
    private readonly locks: KvBucket,
    private readonly options: { sessionTimeoutMs: number; openingGraceMs: number; sameAddressSupersedes: boolean },
  ) {
    this.connections = new ConnectionSessions(options.sessionTimeoutMs)
  }

  private readonly connections: ConnectionSessions

  /** The live session with this id, or null (never existed, ended, expired, or unreadable). */
  async load(sessionId: string): Promise<LoadedSession | null> {
    const entry = await this.sessions.get(sessionId)
    if (!entry) return null
    const state = decodeSession(entry.value)
    return state ? { state, revision: entry.revision } : null
  }

  /** Writes a session; with `revision`, only if nobody wrote it since (null on conflict). */
  async save(state: LiveSessionState, revision: number | null): Promise<number | null> {
    const bytes = encodeSession(state)
    return revision === null ? this.sessions.create(state.session.sessionId, bytes) : this.sessions.update(state.session.sessionId, bytes, revision)
  }

  /** Ends a session's state and releases its lock if it still holds it. */
  async remove(session: SessionData): Promise<void> {
    await Promise.all([this.sessions.delete(session.sessionId), this.locks.delete(deviceKey(session.deviceId), session.lockRevision)])
  }

  /**
   * Takes the device lock for a new session. A lock whose owner session is gone is taken over
   * ('timed-out'); with `sameAddressSupersedes`, so is one whose owner came from the same address
   * (the CPE restarted its session, e.g. after losing the InformResponse: 'superseded'; this is the
   * cookie-less fallback applied to a re-sent Inform). A lock younger than the opening
   * grace whose owner has no state yet belongs to an Inform still being processed: busy.
   */
  async acquireLock(session: SessionData, now: number): Promise<LockResult> {
    const key = deviceKey(session.deviceId)
    const mine: LockOwner = { sessionId: session.sessionId, startedAt: session.startedAt, at: now, remoteAddress: session.remoteAddress }
    const value = Buffer.from(JSON.stringify(mine))
    for (let attempt = 0; attempt < 3; attempt++) {
      const created = await this.locks.create(key, value)
      if (created !== null) return { acquired: true, revision: created }
      const entry = await this.locks.get(key)
      if (!entry) continue
      const owner = parseOwner(entry.value)
      let outcome: 'timed-out' | 'superseded' = 'timed-out'
      let ownerState: LoadedSession | null = null
      if (owner) {
        ownerState = await this.load(owner.sessionId)
        if (ownerState) {
          const sameCpe = this.options.sameAddressSupersedes && session.remoteAddress !== '' && owner.remoteAddress === session.remoteAddress
          if (!sameCpe) return { acquired: false, owner }
          outcome = 'superseded'
        } else if (now - owner.at < this.options.openingGraceMs) {
          return { acquired: false, owner }
        }
      }
      const taken = await this.locks.update(key, value, entry.revision)
      if (taken === null) continue
      if (ownerState) await this.sessions.delete(ownerState.state.session.sessionId)
      const replaced = owner ? { owner, state: ownerState?.state ?? null, outcome } : undefined
      return replaced ? { acquired: true, revision: taken, replaced } : { acquired: true, revision: taken }
    }
    return { acquired: false, owner: null }
  }

  /** Re-writes the lock of a session older than the session timeout so it cannot expire under it; the new revision, or null if it was lost. */
  async refreshLock(session: SessionData, now: number): Promise<number | null> {
    const owner: LockOwner = { sessionId: session.sessionId, startedAt: session.startedAt, at: now, remoteAddress: session.remoteAddress }
    return this.locks.update(deviceKey(session.deviceId), Buffer.from(JSON.stringify(owner)), session.lockRevision)
  }

  /** Whether the lock is due for a refresh (see refreshLock). */
  lockNeedsRefresh(session: SessionData, now: number): boolean {
    return now - session.lockWrittenAt >= this.options.sessionTimeoutMs
  }

  /** Remembers which session a connection (address:port) runs, for CPEs that drop the cookie. */
  rememberConnection(connection: string, sessionId: string, now: number): void {
    this.connections.remember(connection, sessionId, now)
  }

  /** The session last opened over this connection, if still remembered. */
  sessionForConnection(connection: string, now: number): string | null {
    return this.connections.lookup(connection, now)
  }
}
