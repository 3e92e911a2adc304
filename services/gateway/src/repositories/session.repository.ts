import type { Bus, KvBucket, KvEntry } from '@acs/bus'
import { decodeEntry, encodeEntry, type DeviceSessionEntry } from '../session/session-codec.js'
import type { SessionRef } from '../session/session-token.js'
import { ConnectionSessions } from './connection-sessions.js'
import { WrittenEntries } from './written-entries.js'
import type { LiveSessionState, SessionData } from '../session/session-types.js'

/** The result of trying to take a device for a new session. */
export type AcquireResult =
  | { acquired: true; revision: number; replaced?: { state: LiveSessionState; outcome: 'timed-out' | 'superseded' } }
  | { acquired: false }

/** A session as loaded from the KV, with the revision for the compare-and-set write. */
export interface LoadedSession {
  state: LiveSessionState
  revision: number
}

/**
 * One KV entry per device (`cwmp_device_sessions`, key = device id) is both the device lock and
 * its session's state, so that any replica can serve the next request of a session. The Inform
 * takes the device with `create()`, writing the state the session has once the Inform is
 * answered; every later request reads the entry and writes it back with compare-and-set; the
 * session's end deletes it. An Inform session costs three KV operations (create; get, delete)
 * where a lock beside a separate session entry cost five.
 *
 * A session is live until `sessionTimeoutMs` after its entry's last write (`at`, judged on the
 * reader's clock). The bucket keeps entries 4x longer, so that a device coming back after its
 * session died finds the dead session and announces it as timed-out.
 * The cookie-less fallback lives in this replica's memory (see ConnectionSessions).
 */
export class SessionRepository {
  static async open(bus: Bus, options: { sessionTimeoutMs: number; sameAddressSupersedes: boolean }): Promise<SessionRepository> {
    return new SessionRepository(await bus.kv('cwmp_device_sessions', { ttlMs: options.sessionTimeoutMs * 4 }), options)
  }

  private constructor(
    private readonly entries: KvBucket,
    private readonly options: { sessionTimeoutMs: number; sameAddressSupersedes: boolean },
  ) {
    this.connections = new ConnectionSessions(options.sessionTimeoutMs)
    // A bucket created again numbers its revisions from the start: a remembered one may name another write.
    entries.onReset(() => this.written.clear())
  }

  private readonly connections: ConnectionSessions<SessionRef>
  private readonly written = new WrittenEntries()

  /** The live session `ref` names, or null (never existed, ended, expired, replaced, or unreadable). */
  async load(ref: SessionRef, now: number): Promise<LoadedSession | null> {
    const stored = await this.entries.get(ref.deviceId)
    if (!stored) return null
    const entry = this.entryOf(ref.deviceId, stored)
    if (entry === null || entry.state.session.sessionId !== ref.sessionId || !this.isLive(entry, now)) return null
    return { state: entry.state, revision: stored.revision }
  }

  /** Whether a live session holds the device now. */
  async inSession(deviceId: string, now: number): Promise<boolean> {
    const stored = await this.entries.get(deviceId)
    if (!stored) return false
    const entry = this.entryOf(deviceId, stored)
    return entry !== null && this.isLive(entry, now)
  }

  /** Writes a live session over the entry at `revision`; the new revision, or null if somebody wrote it since. */
  async save(state: LiveSessionState, revision: number, now: number): Promise<number | null> {
    const entry = { at: now, state }
    const saved = await this.entries.update(state.session.deviceId, encodeEntry(entry), revision)
    if (saved !== null) this.written.remember(state.session.deviceId, saved, entry)
    return saved
  }

  /**
   * Ends a session by deleting its entry, written at `revision`. If the entry changed since and
   * still holds this session (a concurrent POST of it wrote it), it is deleted at its new
   * revision. False when the entry is gone or holds another session (which took the device over).
   */
  async remove(session: SessionData, revision: number): Promise<boolean> {
    const key = session.deviceId
    this.written.forget(key)
    if (await this.entries.delete(key, revision)) return true
    const stored = await this.entries.get(key)
    if (!stored || this.entryOf(key, stored)?.state.session.sessionId !== session.sessionId) return false
    return this.entries.delete(key, stored.revision)
  }

  /**
   * Takes the device for a new session, storing `state` (the session once its Inform is
   * answered). An entry whose session is dead is taken over ('timed-out'); with
   * `sameAddressSupersedes`, so is a live one whose session came from the same address (the CPE
   * restarted its session, e.g. after losing the InformResponse: 'superseded'; this is the
   * cookie-less fallback applied to a re-sent Inform). Any other live session: busy.
   */
  async acquire(state: LiveSessionState, now: number): Promise<AcquireResult> {
    const { session } = state
    const key = session.deviceId
    const written = { at: now, state }
    const value = encodeEntry(written)
    for (let attempt = 0; attempt < 3; attempt++) {
      const created = await this.entries.create(key, value)
      if (created !== null) {
        this.written.remember(key, created, written)
        return { acquired: true, revision: created }
      }
      const stored = await this.entries.get(key)
      if (!stored) continue
      const entry = this.entryOf(key, stored)
      let outcome: 'timed-out' | 'superseded' = 'timed-out'
      if (entry && this.isLive(entry, now)) {
        const owner = entry.state.session.remoteAddress
        if (!this.options.sameAddressSupersedes || session.remoteAddress === '' || owner !== session.remoteAddress) return { acquired: false }
        outcome = 'superseded'
      }
      const taken = await this.entries.update(key, value, stored.revision)
      if (taken === null) continue
      this.written.remember(key, taken, written)
      return entry ? { acquired: true, revision: taken, replaced: { state: entry.state, outcome } } : { acquired: true, revision: taken }
    }
    return { acquired: false }
  }

  /** Remembers which session a connection (address:port) runs, for CPEs that drop the cookie. */
  rememberConnection(connection: string, ref: SessionRef, now: number): void {
    this.connections.remember(connection, ref, now)
  }

  /** The session last opened over this connection, if still remembered. */
  sessionForConnection(connection: string, now: number): SessionRef | null {
    return this.connections.lookup(connection, now)
  }

  /** The entry a read returned: the one this replica wrote at that revision, else decoded (null if unreadable). */
  private entryOf(deviceId: string, stored: KvEntry): DeviceSessionEntry | null {
    return this.written.at(deviceId, stored.revision) ?? decodeEntry(stored.value)
  }

  private isLive(entry: DeviceSessionEntry, now: number): boolean {
    return now - entry.at < this.options.sessionTimeoutMs
  }
}
