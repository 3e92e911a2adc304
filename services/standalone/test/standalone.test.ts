import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeEnvelope, encodeEnvelope, faultEnvelope, isEmptyBody } from '@acs/cwmp'
import { createLogger } from '@acs/telemetry'
import { startStandalone, type RunningAcs } from '../src/standalone.js'

const corpusInform = join(import.meta.dirname, '../../../../shared/corpus/cwmp/zhone/zhone-6718-inform-bootstrap-boot.xml')

const informXml = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">
<soap:Header><cwmp:ID soap:mustUnderstand="1">42</cwmp:ID></soap:Header>
<soap:Body><cwmp:Inform>
<DeviceId><Manufacturer>ExampleCo</Manufacturer><OUI>00AABB</OUI><ProductClass>HGW</ProductClass><SerialNumber>STANDALONE1</SerialNumber></DeviceId>
<Event soapenc:arrayType="cwmp:EventStruct[1]"><EventStruct><EventCode>0 BOOTSTRAP</EventCode><CommandKey></CommandKey></EventStruct></Event>
<MaxEnvelopes>1</MaxEnvelopes><CurrentTime>2026-01-01T00:00:00Z</CurrentTime><RetryCount>0</RetryCount>
<ParameterList soapenc:arrayType="cwmp:ParameterValueStruct[1]"><ParameterValueStruct><Name>Device.DeviceInfo.SoftwareVersion</Name><Value xsi:type="xsd:string">1.0</Value></ParameterValueStruct></ParameterList>
</cwmp:Inform></soap:Body></soap:Envelope>`

function env(dataDir: string): NodeJS.ProcessEnv {
  return { ACS_DATA_DIR: dataDir, ACS_CWMP_PORT: '0', ACS_API_PORT: '0', ACS_LOG_LEVEL: 'silent' }
}

/**
 * Drives the rest of a session after the InformResponse: answers every RPC the ACS sends with
 * fault 9001 (request denied) until the ACS ends the session with 204. Returns the methods sent.
 */
async function finishSession(url: string, cookie: string): Promise<string[]> {
  const methods: string[] = []
  let body = ''
  for (let i = 0; i < 20; i++) {
    const res = await fetch(url, { method: 'POST', headers: { cookie, 'content-type': 'text/xml' }, body })
    const text = await res.text()
    if (res.status === 204) return methods
    expect(res.status).toBe(200)
    expect(isEmptyBody(text)).toBe(false)
    const rpc = decodeEnvelope(text)
    methods.push(rpc.body.method)
    body = encodeEnvelope(faultEnvelope(rpc.namespace, rpc.header.id, 9001, 'denied by the test'))
  }
  throw new Error(`session did not end; RPCs sent: ${methods.join(', ')}`)
}

async function start(dataDir: string, announced: string[]): Promise<RunningAcs> {
  return startStandalone(env(dataDir), { logger: createLogger({ service: 'test', level: 'silent' }), announce: (m) => announced.push(m) })
}

describe('the embedded default (pnpm start)', () => {
  let dataDir: string
  let acs: RunningAcs
  const announced: string[] = []

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'acs-standalone-'))
    acs = await start(dataDir, announced)
  })
  afterAll(async () => {
    await acs?.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('runs without NATS_URL and MONGODB_URL in the embedded mode', () => {
    expect(acs.mode).toBe('embedded')
  })

  it('answers health and lists the mounted APIs on the API port', async () => {
    expect((await fetch(`${acs.apiUrl}/healthz`)).status).toBe(200)
    // Ready: the gateway's check, the bus and the store answering a ping.
    expect(await (await fetch(`${acs.apiUrl}/readyz`)).json()).toEqual({ status: 'ready' })
    expect(await (await fetch(new URL('/readyz', acs.cwmpUrl))).json()).toEqual({ status: 'ready' })
    const index = (await (await fetch(`${acs.apiUrl}/api`)).json()) as { services: { name: string }[] }
    expect(index.services.map((s) => s.name)).toEqual(expect.arrayContaining(['auth', 'provisioning']))
  })

  it('prints a bootstrap admin key once that authenticates against the API', async () => {
    expect(announced).toHaveLength(1)
    const key = /acs_[0-9a-f]+_[A-Za-z0-9_-]+/.exec(announced[0] ?? '')?.[0]
    expect(key).toBeDefined()
    const withKey = await fetch(`${acs.apiUrl}/api/auth/v1/api-keys`, { headers: { authorization: `Bearer ${key}` } })
    expect(withKey.status).toBe(200)
    const without = await fetch(`${acs.apiUrl}/api/auth/v1/api-keys`)
    expect(without.status).toBe(401)
  })

  it('serves the provisioning API behind the same keys', async () => {
    const key = /acs_[0-9a-f]+_[A-Za-z0-9_-]+/.exec(announced[0] ?? '')?.[0]
    const res = await fetch(`${acs.apiUrl}/api/provisioning/v1/profiles`, { headers: { authorization: `Bearer ${key}` } })
    expect(res.status).toBe(200)
    expect((await fetch(`${acs.apiUrl}/api/provisioning/v1/profiles`)).status).toBe(401)
  })

  it('serves a CWMP session: Inform, InformResponse, empty POST, 204', async () => {
    const inform = await fetch(acs.cwmpUrl, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: informXml })
    expect(inform.status).toBe(200)
    expect(await inform.text()).toContain('InformResponse')
    const cookie = inform.headers.get('set-cookie')?.split(';')[0] ?? ''
    // A bootstrapping device gets its management settings from provisioning in the same session.
    const methods = await finishSession(acs.cwmpUrl, cookie)
    expect(methods.length).toBeGreaterThan(0)
  })

  it('accepts a real CPE capture from the corpus', async (ctx) => {
    const xml = await readFile(corpusInform, 'utf8').catch(() => null)
    if (xml === null) {
      if (process.env.CI) throw new Error(`corpus missing at ${corpusInform}`)
      ctx.skip()
      return
    }
    const res = await fetch(acs.cwmpUrl, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: xml })
    expect(res.status).toBe(200)
    const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? ''
    await finishSession(acs.cwmpUrl, cookie)
  })

  it('keeps its data across a restart and does not mint a second bootstrap key', async () => {
    await acs.close()
    const again: string[] = []
    acs = await start(dataDir, again)
    expect(again).toHaveLength(0)
    const key = /acs_[0-9a-f]+_[A-Za-z0-9_-]+/.exec(announced[0] ?? '')?.[0]
    const res = await fetch(`${acs.apiUrl}/api/auth/v1/api-keys`, { headers: { authorization: `Bearer ${key}` } })
    expect(res.status).toBe(200)
  })
})

describe('configuration', () => {
  it('refuses to start with a message naming a wrong variable', async () => {
    await expect(startStandalone({ ACS_CWMP_PORT: 'seventy', ACS_LOG_LEVEL: 'silent' })).rejects.toThrow(/ACS_CWMP_PORT/)
  })

  it('refuses NATS_URL without MONGODB_URL and says which is missing', async () => {
    await expect(startStandalone({ NATS_URL: 'nats://127.0.0.1:4222', ACS_LOG_LEVEL: 'silent' })).rejects.toThrow(/MONGODB_URL is missing/)
  })
})
