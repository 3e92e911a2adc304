/**
 * The `acs_session` cookie value names the session and its device: `<session uuid>.<base64url of
 * the device id>`. The session lives in its device's entry of the session KV (keyed by device
 * id), so any replica finds it in one read; both parts are cookie-safe whatever the device id holds.
 */
export interface SessionRef {
  sessionId: string
  deviceId: string
}

const TOKEN = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\.([A-Za-z0-9_-]{1,1024})$/

/** The cookie value for a session. */
export function sessionToken(ref: SessionRef): string {
  return `${ref.sessionId}.${Buffer.from(ref.deviceId, 'utf8').toString('base64url')}`
}

/** The session a cookie value names, or null when it is not one this gateway issued (older format, garbage). */
export function parseSessionToken(token: string): SessionRef | null {
  const m = TOKEN.exec(token)
  if (!m) return null
  const encoded = m[2] as string
  const deviceId = Buffer.from(encoded, 'base64url').toString('utf8')
  // Buffer decodes leniently: only the canonical encoding of a valid UTF-8 id is one we issued.
  if (deviceId === '' || Buffer.from(deviceId, 'utf8').toString('base64url') !== encoded) return null
  return { sessionId: (m[1] as string).toLowerCase(), deviceId }
}
