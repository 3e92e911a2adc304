import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { embedded, type OpenBackend } from './support/backends.js'
import { bearer, buildTestApp, type TestApp } from './support/build-app.js'

describe('problem+json errors', () => {
  let store: OpenBackend
  let t: TestApp
  let writer: Record<string, string>
  beforeAll(async () => {
    store = await embedded.open()
    t = await buildTestApp(store.backend)
    writer = bearer(await t.keyWithRole('write'))
    t.widgets.add('taken', 1)
  })
  afterAll(async () => {
    await t.app.close()
    await store.close()
  })

  const create = (payload: unknown) => t.app.inject({ method: 'POST', url: '/api/sample/v1/widgets', headers: writer, payload: payload as object })

  it('rejects an unknown body property with a 400 that names it, and creates nothing', async () => {
    const before = t.widgets.snapshot()
    const res = await create({ name: 'new', size: 1, colour: 'red' })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    const body = res.json<{ code: string; detail: string; errors: { in: string; field: string }[] }>()
    expect(body.code).toBe('ACS_ERR_API_VALIDATION')
    expect(body.errors).toContainEqual(expect.objectContaining({ in: 'body', field: '/colour' }))
    expect(body.detail).toContain('colour')
    expect(t.widgets.snapshot()).toEqual(before)
  })

  it('lists every failing field of a 400', async () => {
    const res = await create({ size: 'big' })
    const fields = res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['/name', '/size']))
  })

  it('has the RFC 9457 members and the request id on every problem', async () => {
    const res = await create({ name: 'new', size: -1 })
    expect(res.json()).toEqual(
      expect.objectContaining({ type: 'about:blank', title: 'Bad Request', status: 400, instance: '/api/sample/v1/widgets', requestId: expect.any(String) }),
    )
  })

  it('answers malformed JSON with a 400 problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/sample/v1/widgets',
      headers: { ...writer, 'content-type': 'application/json' },
      payload: '{"name": ',
    })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ status: 400, code: 'ACS_ERR_API_BAD_REQUEST' })
  })

  it('answers a body over the size limit with a 413 problem', async () => {
    const res = await create({ name: 'x'.repeat(1_100_000), size: 1 })
    expect(res.statusCode).toBe(413)
    expect(res.json()).toMatchObject({ status: 413, code: 'ACS_ERR_API_PAYLOAD_TOO_LARGE' })
  })

  it('answers a body that is not JSON with a 415 problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/sample/v1/widgets',
      headers: { ...writer, 'content-type': 'application/xml' },
      payload: '<widget/>',
    })
    expect(res.statusCode).toBe(415)
    expect(res.json()).toMatchObject({ status: 415, code: 'ACS_ERR_API_UNSUPPORTED_MEDIA_TYPE' })
  })

  it('answers a bad path parameter with a 400 on params', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/sample/v1/widgets/nope', headers: writer })
    expect(res.statusCode).toBe(400)
    expect(res.json<{ errors: { in: string }[] }>().errors[0]?.in).toBe('params')
  })

  it('answers a missing resource with a 404 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/sample/v1/widgets/w9999', headers: writer })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ status: 404, code: 'ACS_ERR_API_NOT_FOUND', detail: 'no widget w9999' })
  })

  it('answers an unknown route under the prefix with a 404 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/sample/v1/gadgets?x=1', headers: writer })
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json()).toMatchObject({ code: 'ACS_ERR_API_NOT_FOUND', instance: '/api/sample/v1/gadgets' })
  })

  it('answers an unknown route without a key with 401, revealing nothing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/sample/v1/gadgets' })
    expect(res.statusCode).toBe(401)
  })

  it('answers a conflict with a 409 problem', async () => {
    const res = await create({ name: 'taken', size: 2 })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ code: 'ACS_ERR_API_CONFLICT' })
  })

  it('answers an unexpected failure with a 500 that hides the internals', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/sample/v1/boom', headers: writer })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toMatchObject({ status: 500, code: 'ACS_ERR_API_INTERNAL' })
    expect(res.body).not.toMatch(/hunter2|secret|at \/|stack/i)
  })

  it('logs an unexpected failure with the request id the client was given', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/sample/v1/boom', headers: writer })
    const requestId = res.json<{ requestId: string }>().requestId
    const line = t.logs.find((l) => l.reqId === requestId && l.level === 50)
    expect(line).toBeDefined()
    expect(JSON.stringify(line)).toContain('hunter2')
  })
})
