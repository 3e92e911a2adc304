import {
  decodeEnvelope,
  encodeEnvelope,
  isEmptyBody,
  type AcsRequest,
  type CwmpBody,
  type Envelope,
  type EventStruct,
  type SoapHeader,
} from '@acs/cwmp'
import type { Dispatcher } from 'undici'
import type { SimDevice } from '../device/sim-device.js'
import { authorizationFor, parseChallenges } from '../http/digest-client.js'
import { cookieHeaderFrom, exchange, type HttpReply } from '../http/exchange.js'
import { handleRpc } from '../rpc/handle-rpc.js'
import { informAcknowledged, prepareInform } from './inform-builder.js'
import { completionRequests, settleCompletion, type CompletionRequest } from './completion-requests.js'

/** What a session needs from the simulator. */
export interface SessionIo {
  /** An HTTP client for an origin, kept for the whole session (one TCP connection, like a CPE). */
  dispatcher(origin: string): Dispatcher
  now(): number
  /** Per-request timeout, ms (CPEs wait ~30 s). */
  timeoutMs: number
  signal?: AbortSignal
  /** Called with the events of the Inform when it is sent. */
  onInform?(events: readonly EventStruct[]): void
  /** Called for every ACS request answered, with the CWMP fault code of the answer (0 if none). */
  onRpc?(request: CwmpBody, faultCode: number): void
}

/** How a session ended; `informAcked` tells whether the ACS answered the Inform (events delivered). */
export type SessionOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string; readonly informAcked: boolean; readonly faultCode?: number }

const SUPPORTED_VERSIONS = ['1.0', '1.1', '1.2', '1.3', '1.4']
const NAMESPACE = 'urn:dslforum-org:cwmp-1-2'
const MAX_MESSAGES = 1000
const MAX_REDIRECTS = 5

/** Thrown inside a session to end it as failed. */
class SessionFailure extends Error {
  constructor(
    readonly reason: string,
    readonly faultCode?: number,
  ) {
    super(reason)
  }
}

/**
 * Runs one CWMP session of `device` against its ManagementServer.URL (§2, §4): Inform with
 * Basic/Digest authentication and redirects, then the device's own requests (TransferComplete,
 * DUStateChangeComplete) unless the ACS holds them, then ACS requests until an empty response.
 * Work accepted during the session (reboot, transfers...) is left in `device.afterSession` even
 * when the session fails later: a CPE that accepted a Download still performs it.
 */
export async function runSession(device: SimDevice, io: SessionIo): Promise<SessionOutcome> {
  let url: URL
  try {
    url = new URL(device.acsUrl())
  } catch {
    return { ok: false, reason: 'invalid ManagementServer.URL', informAcked: false }
  }
  const prepared = prepareInform(device, io.now())
  let cookie: string | undefined
  let informAcked = false
  let seq = 0
  const nextId = (): string => `${device.facts.serial}-${Date.now().toString(36)}-${++seq}`
  const send = async (body: string, headers: Record<string, string>): Promise<HttpReply> => {
    const h: Record<string, string> = body === '' ? { ...headers } : { 'content-type': 'text/xml; charset="utf-8"', soapaction: '', ...headers }
    if (cookie !== undefined) h.cookie = cookie
    const reply = await exchange(io.dispatcher(url.origin), {
      method: 'POST',
      path: url.pathname + url.search,
      headers: h,
      body,
      signal: io.signal,
      timeoutMs: io.timeoutMs,
    })
    cookie = cookieHeaderFrom(reply.headers['set-cookie'], cookie)
    return reply
  }

  try {
    io.onInform?.(prepared.inform.events)
    const informXml = encode({ id: nextId(), supportedCwmpVersions: SUPPORTED_VERSIONS, sessionTimeout: 30 }, prepared.inform)
    const reply = await postInform(device, informXml, send, (next) => (url = next), url)
    const first = decode(reply)
    if (first?.body.method === 'Fault') throw new SessionFailure(`fault ${first.body.detail.faultCode}`, first.body.detail.faultCode)
    if (reply.status !== 200 || first?.body.method !== 'InformResponse') throw new SessionFailure(`no InformResponse (http ${reply.status})`)
    informAcked = true
    informAcknowledged(device, prepared)
    device.retryCount = 0

    let hold = first.header.holdRequests === true
    const pending: CompletionRequest[] = completionRequests(device)
    let outstanding: CompletionRequest | undefined
    let body = ''
    for (let i = 0; i < MAX_MESSAGES; i++) {
      if (body === '' && !hold && pending.length > 0) {
        outstanding = pending.shift() as CompletionRequest
        body = encode({ id: nextId() }, outstanding.request)
      }
      const r = await send(body, {})
      if (r.status === 204 || (r.status === 200 && isEmptyBody(r.body))) {
        if (pending.length > 0) {
          hold = false
          body = ''
          continue
        }
        return { ok: true }
      }
      if (r.status !== 200 && r.status !== 500) throw new SessionFailure(`http ${r.status}`)
      const msg = decode(r)
      if (!msg) throw new SessionFailure('unparseable ACS message')
      hold = msg.header.holdRequests === true
      const m = msg.body.method
      if (outstanding && (m === `${outstanding.request.method}Response` || m === 'Fault')) {
        if (m !== 'Fault') settleCompletion(device, outstanding)
        outstanding = undefined
        body = ''
        continue
      }
      const answer = handleRpc(device, msg.body, io.now())
      io.onRpc?.(msg.body, answer.method === 'Fault' ? answer.detail.faultCode : 0)
      body = encode(msg.header.id !== undefined ? { id: msg.header.id } : {}, answer)
    }
    throw new SessionFailure('session too long')
  } catch (err) {
    if (err instanceof SessionFailure) return { ok: false, reason: err.reason, informAcked, faultCode: err.faultCode }
    return { ok: false, reason: errorReason(err), informAcked }
  }
}

/** POSTs the Inform, answering one authentication challenge and following up to five redirects (§2.2, §2.4). */
async function postInform(
  device: SimDevice,
  xml: string,
  send: (body: string, headers: Record<string, string>) => Promise<HttpReply>,
  redirectTo: (url: URL) => void,
  start: URL,
): Promise<HttpReply> {
  let url = start
  let authorization: string | undefined
  let challenged = false
  for (let redirects = 0; ; ) {
    const reply = await send(xml, authorization ? { authorization } : {})
    if (reply.status === 401 && !challenged) {
      const challenge = parseChallenges(reply.headers['www-authenticate'])
      if (!challenge) throw new SessionFailure('http 401 without a usable challenge')
      challenged = true
      const creds = { username: device.managementServer('Username'), password: device.managementServer('Password') }
      authorization = authorizationFor({ challenge, nc: 0 }, creds, 'POST', url.pathname + url.search)
      continue
    }
    if (reply.status >= 300 && reply.status < 400 && reply.status !== 304) {
      const location = reply.headers.location
      if (typeof location !== 'string' || ++redirects > MAX_REDIRECTS) throw new SessionFailure(`http ${reply.status}`)
      url = new URL(location, url)
      redirectTo(url)
      authorization = undefined
      challenged = false
      continue
    }
    return reply
  }
}

function encode(header: SoapHeader, body: CwmpBody | AcsRequest): string {
  const env: Envelope = { namespace: NAMESPACE, header, body }
  return encodeEnvelope(env, { xmlDeclaration: false })
}

function decode(reply: HttpReply): Envelope | undefined {
  if (isEmptyBody(reply.body)) return undefined
  try {
    return decodeEnvelope(reply.body)
  } catch {
    return undefined
  }
}

function errorReason(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; name?: unknown; message?: unknown }
    if (typeof e.code === 'string') return e.code
    if (typeof e.name === 'string' && e.name !== 'Error') return e.name
    if (typeof e.message === 'string') return e.message
  }
  return 'error'
}
