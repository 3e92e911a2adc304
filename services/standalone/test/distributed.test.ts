import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MongoClient } from 'mongodb'
import { integrationEnv } from '@acs/testing'
import { createLogger } from '@acs/telemetry'
import { startStandalone, type RunningAcs } from '../src/standalone.js'

const env = integrationEnv()

const inform = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-2">
<soap:Body><cwmp:Inform>
<DeviceId><Manufacturer>ExampleCo</Manufacturer><OUI>00AABB</OUI><ProductClass>HGW</ProductClass><SerialNumber>DIST1</SerialNumber></DeviceId>
<Event><EventStruct><EventCode>2 PERIODIC</EventCode><CommandKey></CommandKey></EventStruct></Event>
<MaxEnvelopes>1</MaxEnvelopes><CurrentTime>2026-01-01T00:00:00Z</CurrentTime><RetryCount>0</RetryCount>
<ParameterList><ParameterValueStruct><Name>Device.DeviceInfo.SoftwareVersion</Name><Value>1.0</Value></ParameterValueStruct></ParameterList>
</cwmp:Inform></soap:Body></soap:Envelope>`

describe.skipIf(env.skip)('the whole ACS in one process on NATS and MongoDB (distributed mode)', () => {
  let acs: RunningAcs
  const dbName = `standalone_${randomBytes(6).toString('hex')}`
  const adminKey = randomBytes(24).toString('hex')

  beforeAll(async () => {
    const mongoUrl = new URL(env.mongoUrl!)
    mongoUrl.pathname = `/${dbName}`
    acs = await startStandalone(
      { NATS_URL: env.natsUrl, MONGODB_URL: mongoUrl.toString(), ACS_CWMP_PORT: '0', ACS_API_PORT: '0', ACS_ADMIN_API_KEY: adminKey },
      { logger: createLogger({ service: 'test', level: 'silent' }), announce: () => {} },
    )
  })
  afterAll(async () => {
    await acs?.close()
    const client = await MongoClient.connect(env.mongoUrl!)
    await client.db(dbName).dropDatabase()
    await client.close()
  })

  it('starts in the distributed mode and accepts an Inform', async () => {
    expect(acs.mode).toBe('distributed')
    const res = await fetch(acs.cwmpUrl, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: inform })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('InformResponse')
  })

  it('is ready on both ports while NATS and MongoDB answer', async () => {
    expect(await (await fetch(`${acs.apiUrl}/readyz`)).json()).toEqual({ status: 'ready' })
    expect(await (await fetch(new URL('/readyz', acs.cwmpUrl))).json()).toEqual({ status: 'ready' })
  })

  it('serves the provisioning API with the admin key from the environment', async () => {
    const res = await fetch(`${acs.apiUrl}/api/provisioning/v1/profiles`, { headers: { authorization: `Bearer ${adminKey}` } })
    expect(res.status).toBe(200)
  })
})
