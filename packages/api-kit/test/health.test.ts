import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { embedded, type OpenBackend } from './support/backends.js'
import { buildTestApp, type TestApp } from './support/build-app.js'

describe('health routes', () => {
  let store: OpenBackend
  let t: TestApp
  let ready: () => Promise<boolean> = async () => true
  beforeAll(async () => {
    store = await embedded.open()
    t = await buildTestApp(store.backend, { ready: () => ready() })
  })
  afterAll(async () => {
    await t.app.close()
    await store.close()
  })

  it('answers /healthz with 200 and no key', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' })
    expect(res.statusCode).toBe(200)
  })

  it('answers /readyz with 200 and no key when ready', async () => {
    ready = async () => true
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200)
  })

  it('answers /readyz with 503 when not ready', async () => {
    ready = async () => false
    const res = await t.app.inject({ method: 'GET', url: '/readyz' })
    expect(res.statusCode).toBe(503)
    expect(res.json()).toEqual({ status: 'not-ready' })
  })

  it('answers /readyz with 503 when the check throws', async () => {
    ready = async () => {
      throw new Error('store unreachable')
    }
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503)
  })
})
