import { authorizationFor, parseChallenges, type DigestSession } from '../http/digest-client.js'
import { cookieHeaderFrom } from '../http/exchange.js'
import type { LoadConnection } from './load-connection.js'
import { classifyAcsMessage } from './minimal-response.js'

/** Shared settings of every load session. */
export interface LoadSessionContext {
  path: string
  auth?: { username: string; password: string }
  /** Digest state per device index, reused (nc+1) until the ACS asks again. */
  authCache: (DigestSession | undefined)[]
  /** ACS-initiated RPCs answered, by method. */
  rpcs: Record<string, number>
  signal?: AbortSignal
  timeoutMs: number
}

/** How one session ended: ok, or the short error key it is counted under. */
export type LoadSessionOutcome = { ok: true } | { ok: false; error: string }

/** A session cannot run forever against a misbehaving ACS: at most this many POSTs after the Inform. */
const MAX_MESSAGES = 256

const SOAP_HEADERS = { 'content-type': 'text/xml; charset="utf-8"', soapaction: '' }

/** The Inform of one session: text, plus pre-encoded bytes when the connection can send them. */
export interface SessionInform {
  text: () => string
  bytes?: () => Buffer
}

/**
 * Runs one CWMP session on `conn`: Inform (answering a 401 challenge once), then empty
 * POSTs carrying the cookie, answering any ACS RPC minimally, until the ACS answers 204.
 */
export async function runLoadSession(
  conn: LoadConnection,
  ctx: LoadSessionContext,
  deviceIndex: number,
  inform: SessionInform,
): Promise<LoadSessionOutcome> {
  const headers: Record<string, string> = { ...SOAP_HEADERS }
  const cached = ctx.auth ? ctx.authCache[deviceIndex] : undefined
  if (ctx.auth && cached) headers.authorization = authorizationFor(cached, ctx.auth, 'POST', ctx.path)
  const post = (h: Record<string, string>, body: string) => conn.post(ctx.path, h, body, ctx.signal, ctx.timeoutMs)

  // Without credentials the Inform needs no per-session header: send the device's prebuilt bytes.
  let reply = !ctx.auth && inform.bytes && conn.postBytes ? await conn.postBytes(inform.bytes(), ctx.signal, ctx.timeoutMs) : await post(headers, inform.text())
  if (reply.status === 401 && ctx.auth) {
    const challenge = parseChallenges(reply.headers['www-authenticate'])
    if (!challenge) return { ok: false, error: 'http 401 without a usable challenge' }
    const session: DigestSession = { challenge, nc: 0 }
    ctx.authCache[deviceIndex] = session
    headers.authorization = authorizationFor(session, ctx.auth, 'POST', ctx.path)
    reply = await post(headers, inform.text())
  }
  const first = classifyAcsMessage(reply.body)
  if (first.method === 'Fault') return { ok: false, error: `fault ${first.faultCode ?? 'unknown'}` }
  if (reply.status !== 200) return { ok: false, error: `http ${reply.status}` }
  if (first.method !== 'InformResponse') return { ok: false, error: `expected InformResponse, got ${first.method}` }

  let cookie = cookieHeaderFrom(reply.headers['set-cookie'])
  let body = ''
  for (let i = 0; i < MAX_MESSAGES; i++) {
    const h: Record<string, string> = body === '' ? {} : { ...SOAP_HEADERS }
    if (cookie !== undefined) h.cookie = cookie
    reply = await post(h, body)
    cookie = cookieHeaderFrom(reply.headers['set-cookie'], cookie)
    if (reply.status === 204 || (reply.status === 200 && reply.body.trim() === '')) return { ok: true }
    if (reply.status !== 200) return { ok: false, error: `http ${reply.status}` }
    const msg = classifyAcsMessage(reply.body)
    if (msg.reply === undefined) return { ok: false, error: `unexpected ${msg.method}` }
    ctx.rpcs[msg.method] = (ctx.rpcs[msg.method] ?? 0) + 1
    body = msg.reply
  }
  return { ok: false, error: 'session too long' }
}
