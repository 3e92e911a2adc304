import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { decodeEnvelope, encodeEnvelope, isEmptyBody, type CpeRequest, type CwmpBody, type Envelope, type EventStruct, type ParameterValue } from '@acs/cwmp'
import { DigestVerifier } from '../../src/http/digest-server.js'

/** One Inform the fake ACS received. */
export interface SeenInform {
  serial: string
  events: EventStruct[]
  params: ParameterValue[]
  retryCount: number
}

/** Options of the fake ACS. */
export interface FakeAcsOptions {
  /** Require Digest authentication with these credentials. */
  digest?: { username: string; password: string }
  /** Answer the n-th Inform (0-based, all devices) with this ACS fault instead of InformResponse. */
  faultInform?: (n: number, serial: string) => number | undefined
  /** Send HoldRequests=true with every InformResponse. */
  holdRequests?: boolean
}

/** A tiny ACS on 127.0.0.1 for tests: records Informs and CPE messages, delivers queued RPCs. */
export interface FakeAcs {
  readonly url: string
  readonly informs: SeenInform[]
  /** CPE requests (TransferComplete...) and CPE responses to queued RPCs, in arrival order. */
  readonly messages: { serial: string; body: CwmpBody }[]
  /** What each POST carried, in order: 'Inform', 'empty' or the method name. */
  readonly log: string[]
  queue(serial: string, rpc: CpeRequest): void
  close(): Promise<void>
}

const NS = 'urn:dslforum-org:cwmp-1-2'

/** Starts the fake ACS. */
export async function startFakeAcs(options: FakeAcsOptions = {}): Promise<FakeAcs> {
  const informs: SeenInform[] = []
  const messages: { serial: string; body: CwmpBody }[] = []
  const log: string[] = []
  const queues = new Map<string, CpeRequest[]>()
  const sessions = new Map<string, string>()
  const verifier = new DigestVerifier('fake-acs')
  let sessionSeq = 0
  let rpcSeq = 0

  const reply = (res: ServerResponse, status: number, env?: Envelope, headers: Record<string, string> = {}): void => {
    const body = env ? encodeEnvelope(env) : ''
    res.writeHead(status, { 'content-type': 'text/xml; charset="utf-8"', 'content-length': String(Buffer.byteLength(body)), ...headers })
    res.end(body)
  }
  const nextRpc = (serial: string, res: ServerResponse): void => {
    const rpc = queues.get(serial)?.shift()
    if (!rpc) {
      reply(res, 204)
      return
    }
    reply(res, 200, { namespace: NS, header: { id: `rpc-${++rpcSeq}` }, body: rpc })
  }

  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      const sid = /sid=(\w+)/.exec(req.headers.cookie ?? '')?.[1]
      const serial = sid ? sessions.get(sid) : undefined
      if (isEmptyBody(raw)) {
        log.push('empty')
        if (!serial) return reply(res, 400)
        return nextRpc(serial, res)
      }
      const env = decodeEnvelope(raw)
      const body = env.body
      log.push(body.method)
      if (body.method === 'Inform') {
        if (options.digest) {
          const creds = options.digest
          const verdict = verifier.verify(req.headers.authorization, 'POST', (u) => (u === creds.username ? creds : undefined))
          if (verdict !== 'ok') return reply(res, 401, undefined, { 'www-authenticate': verifier.challenge(verdict === 'stale') })
        }
        const s = body.deviceId.serialNumber
        const n = informs.length
        informs.push({ serial: s, events: body.events, params: body.parameterList, retryCount: body.retryCount })
        const fault = options.faultInform?.(n, s)
        if (fault !== undefined) {
          return reply(res, 500, { namespace: NS, header: {}, body: { method: 'Fault', faultCode: 'Server', faultString: 'CWMP fault', detail: { faultCode: fault, faultString: 'Retry request' } } })
        }
        const newSid = `s${++sessionSeq}`
        sessions.set(newSid, s)
        const header = { id: env.header.id ?? '', ...(options.holdRequests ? { holdRequests: true } : {}) }
        return reply(res, 200, { namespace: NS, header, body: { method: 'InformResponse', maxEnvelopes: 1 } }, { 'set-cookie': `sid=${newSid}; Path=/` })
      }
      if (!serial) return reply(res, 400)
      messages.push({ serial, body })
      const answers: Partial<Record<string, CwmpBody>> = {
        TransferComplete: { method: 'TransferCompleteResponse' },
        DUStateChangeComplete: { method: 'DUStateChangeCompleteResponse' },
        AutonomousTransferComplete: { method: 'AutonomousTransferCompleteResponse' },
      }
      const answer = answers[body.method]
      if (answer) return reply(res, 200, { namespace: NS, header: { id: env.header.id ?? '' }, body: answer })
      return nextRpc(serial, res)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/acs`,
    informs,
    messages,
    log,
    queue(serial, rpc) {
      const q = queues.get(serial)
      if (q) q.push(rpc)
      else queues.set(serial, [rpc])
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}

/** Resolves when `check` returns a value other than undefined/false; fails the test after `ms`. */
export async function until<T>(check: () => T | undefined | false, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const v = check()
    if (v !== undefined && v !== false) return v
    if (Date.now() > deadline) throw new Error('condition not met before the deadline')
    await new Promise((r) => setTimeout(r, 10))
  }
}
