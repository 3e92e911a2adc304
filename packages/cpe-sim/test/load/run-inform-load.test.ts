import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { decodeEnvelope, type Inform } from '@acs/cwmp'
import { runInformLoad } from '@acs/cpe-sim'
import { DigestVerifier } from '../../src/http/digest-server.js'
import { startCannedAcs, type CannedAcs } from '../../src/load/canned-acs.js'

const INFORM_RESPONSE =
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-2">' +
  '<soap:Body><cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse></soap:Body></soap:Envelope>'
const GPV =
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-2">' +
  '<soap:Header><cwmp:ID soap:mustUnderstand="1">q-1</cwmp:ID></soap:Header><soap:Body><cwmp:GetParameterValues>' +
  '<ParameterNames><string>Device.DeviceInfo.</string></ParameterNames></cwmp:GetParameterValues></soap:Body></soap:Envelope>'
const FAULT_8005 =
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-2">' +
  '<soap:Body><soap:Fault><faultcode>Server</faultcode><faultstring>CWMP fault</faultstring><detail><cwmp:Fault>' +
  '<FaultCode>8005</FaultCode><FaultString>Retry request</FaultString></cwmp:Fault></detail></soap:Fault></soap:Body></soap:Envelope>'

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void

async function serve(handler: Handler): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/acs`, server }
}

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.()
})
function closeServer(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((r) => {
      server.closeAllConnections()
      server.close(() => r())
    })
}

describe('runInformLoad', () => {
  it('runs the requested number of sessions against a canned-bytes ACS', async () => {
    const acs: CannedAcs = await startCannedAcs()
    closers.push(() => acs.close())
    const result = await runInformLoad({ url: acs.url, devices: 20, concurrency: 4, sessions: 60 })
    expect(result).toMatchObject({ sessions: 60, failed: 0, errors: {} })
    expect(result.latencyMs.max).toBeGreaterThanOrEqual(result.latencyMs.p50)
  })

  it('sends Informs a CWMP decoder accepts, each with its own cwmp:ID and the device identity', async () => {
    const ids = new Set<string>()
    const serials = new Set<string>()
    const { url, server } = await serve((_req, body, res) => {
      if (body === '') {
        res.writeHead(204).end()
        return
      }
      const env = decodeEnvelope(body)
      ids.add(env.header.id ?? '')
      serials.add((env.body as Inform).deviceId.serialNumber)
      res.writeHead(200, { 'set-cookie': 'sid=1' }).end(INFORM_RESPONSE)
    })
    closers.push(closeServer(server))
    const result = await runInformLoad({ url, devices: 3, concurrency: 2, sessions: 9, model: 'tr098' })
    expect([result.sessions, ids.size, serials.size]).toEqual([9, 9, 3])
  })

  it('answers a Digest challenge, returns the session cookie and answers a queued RPC', async () => {
    const verifier = new DigestVerifier('acs')
    const seen = { authorized: 0, cookies: new Set<string>(), rpcAnswers: 0 }
    const { url, server } = await serve((req, body, res) => {
      if (body.includes('<cwmp:Inform>')) {
        const verdict = verifier.verify(req.headers.authorization, 'POST', (u) => (u === 'cpe' ? { username: 'cpe', password: 'secret' } : undefined))
        if (verdict !== 'ok') {
          res.writeHead(401, { 'www-authenticate': verifier.challenge(verdict === 'stale') }).end()
          return
        }
        seen.authorized++
        res.writeHead(200, { 'set-cookie': `sid=${seen.authorized}; Path=/`, 'content-type': 'text/xml' })
        res.write(INFORM_RESPONSE.slice(0, 40)) // chunked transfer, in two pieces
        res.end(INFORM_RESPONSE.slice(40))
        return
      }
      seen.cookies.add(req.headers.cookie ?? 'none')
      if (body === '') {
        res.writeHead(200, { 'content-type': 'text/xml' }).end(GPV)
        return
      }
      if (body.includes('GetParameterValuesResponse') && body.includes('>q-1<')) seen.rpcAnswers++
      res.writeHead(204).end()
    })
    closers.push(closeServer(server))
    const result = await runInformLoad({ url, devices: 2, concurrency: 2, sessions: 6, auth: { username: 'cpe', password: 'secret' } })
    expect(result).toMatchObject({ sessions: 6, failed: 0, rpcs: { GetParameterValues: 6 } })
    expect(seen.rpcAnswers).toBe(6)
    expect(seen.cookies.has('none')).toBe(false)
  })

  it('counts sessions refused with fault 8005 as failed, by cause', async () => {
    const { url, server } = await serve((_req, _body, res) => {
      res.writeHead(500, { 'content-type': 'text/xml' }).end(FAULT_8005)
    })
    closers.push(closeServer(server))
    const result = await runInformLoad({ url, devices: 3, concurrency: 1, sessions: 3 })
    expect(result).toMatchObject({ sessions: 0, failed: 3, errors: { 'fault 8005': 3 } })
  })

  it('stops when the signal aborts', async () => {
    const acs = await startCannedAcs()
    closers.push(() => acs.close())
    const controller = new AbortController()
    const run = runInformLoad({ url: acs.url, devices: 10, concurrency: 2, durationMs: 600_000, signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    const result = await run
    expect(result.sessions + result.failed).toBeGreaterThan(0)
  })

  it('rejects a non-positive concurrency with a message naming it', async () => {
    await expect(runInformLoad({ url: 'http://127.0.0.1:1/', devices: 1, concurrency: 0 })).rejects.toThrow(/concurrency/)
  })
})
