import { describe, expect, it } from 'vitest'
import { BACKENDS } from './support/backends.js'
import { bearer, ENV_ADMIN_KEY } from './support/build-app.js'
import { useTestApp } from './support/use-test-app.js'

describe.each(BACKENDS)('authentication on the $name store', (fixture) => {
  const ctx = useTestApp(fixture, (t) => t.widgets.add('first', 1))

  const post = (headers: Record<string, string>) =>
    ctx.t.app.inject({ method: 'POST', url: '/api/sample/v1/widgets', headers, payload: { name: `w-${Math.random()}`, size: 3 } })

  it.skipIf(fixture.skip)('answers 401 problem+json to a request without a key and changes nothing', async () => {
    const before = ctx.t.widgets.snapshot()
    const res = await post({})
    expect(res.statusCode).toBe(401)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/)
    expect(res.json()).toMatchObject({ status: 401, code: 'ACS_ERR_API_UNAUTHORIZED' })
    expect(ctx.t.widgets.snapshot()).toEqual(before)
  })

  it.skipIf(fixture.skip)('answers 401 to a key with a wrong secret and changes nothing', async () => {
    const good = await ctx.t.keyWithRole('admin')
    const wrong = good.slice(0, -4) + (good.endsWith('AAAA') ? 'BBBB' : 'AAAA')
    const before = ctx.t.widgets.snapshot()
    expect((await post(bearer(wrong))).statusCode).toBe(401)
    expect(ctx.t.widgets.snapshot()).toEqual(before)
  })

  it.skipIf(fixture.skip)('answers 401 to something that is not an API key at all', async () => {
    const res = await ctx.t.app.inject({ method: 'GET', url: '/api/sample/v1/widgets', headers: bearer('not-a-key') })
    expect(res.statusCode).toBe(401)
  })

  it.skipIf(fixture.skip)('answers 401 to a revoked key and changes nothing', async () => {
    const key = await ctx.t.keyWithRole('write')
    expect((await ctx.t.app.inject({ method: 'GET', url: '/api/sample/v1/widgets', headers: bearer(key) })).statusCode).toBe(200)
    const id = key.split('_')[1]!
    const del = await ctx.t.app.inject({ method: 'DELETE', url: `/api/auth/v1/api-keys/${id}`, headers: bearer(ENV_ADMIN_KEY) })
    expect(del.statusCode).toBe(204)
    const before = ctx.t.widgets.snapshot()
    expect((await post(bearer(key))).statusCode).toBe(401)
    expect(ctx.t.widgets.snapshot()).toEqual(before)
  })

  it.skipIf(fixture.skip)('answers 403 to a read key that tries to write and changes nothing', async () => {
    const key = await ctx.t.keyWithRole('read')
    const before = ctx.t.widgets.snapshot()
    const res = await post(bearer(key))
    expect(res.statusCode).toBe(403)
    expect(res.json()).toMatchObject({ status: 403, code: 'ACS_ERR_API_FORBIDDEN' })
    expect(ctx.t.widgets.snapshot()).toEqual(before)
  })

  it.skipIf(fixture.skip)('lets a read key list resources', async () => {
    const res = await ctx.t.app.inject({ method: 'GET', url: '/api/sample/v1/widgets', headers: bearer(await ctx.t.keyWithRole('read')) })
    expect(res.statusCode).toBe(200)
  })

  it.skipIf(fixture.skip)('lets a write key create a resource', async () => {
    const res = await post(bearer(await ctx.t.keyWithRole('write')))
    expect(res.statusCode).toBe(201)
  })

  it.skipIf(fixture.skip)('accepts the key in the X-API-Key header as well', async () => {
    const res = await post({ 'x-api-key': await ctx.t.keyWithRole('write') })
    expect(res.statusCode).toBe(201)
  })

  it.skipIf(fixture.skip)('accepts ACS_ADMIN_API_KEY as an admin key', async () => {
    const res = await ctx.t.app.inject({
      method: 'POST',
      url: '/api/auth/v1/api-keys',
      headers: bearer(ENV_ADMIN_KEY),
      payload: { name: 'made-by-env-admin', role: 'read' },
    })
    expect(res.statusCode).toBe(201)
  })

  it.skipIf(fixture.skip)('refuses key management to a write key with 403', async () => {
    const res = await ctx.t.app.inject({
      method: 'POST',
      url: '/api/auth/v1/api-keys',
      headers: bearer(await ctx.t.keyWithRole('write')),
      payload: { name: 'escalation', role: 'admin' },
    })
    expect(res.statusCode).toBe(403)
  })

  it.skipIf(fixture.skip)('records when a key was last used', async () => {
    const key = await ctx.t.keyWithRole('read')
    const id = key.split('_')[1]!
    await ctx.t.app.inject({ method: 'GET', url: '/api/sample/v1/widgets', headers: bearer(key) })
    await expect.poll(async () => (await ctx.t.keys.get(id))?.lastUsedAt, { timeout: 10_000 }).toBeInstanceOf(Date)
  })
})
