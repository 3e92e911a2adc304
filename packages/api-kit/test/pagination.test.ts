import { Type } from '@sinclair/typebox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, InvalidCursorError, toPage } from '@acs/api-kit'
import { embedded, type OpenBackend } from './support/backends.js'
import { bearer, buildTestApp, type TestApp } from './support/build-app.js'

describe('cursor helpers', () => {
  it('round-trips a compound sort key', () => {
    const key = ['2024-05-01T00:00:00.000Z', 'abc'] as const
    expect(decodeCursor(encodeCursor(key), Type.Tuple([Type.String(), Type.String()]))).toEqual(key)
  })

  it('rejects a cursor that is not base64url', () => {
    expect(() => decodeCursor('a b+c', Type.String())).toThrow(InvalidCursorError)
  })

  it('rejects a cursor whose content is not JSON', () => {
    expect(() => decodeCursor(Buffer.from('{oops').toString('base64url'), Type.String())).toThrow(InvalidCursorError)
  })

  it('rejects a cursor of the wrong shape', () => {
    expect(() => decodeCursor(encodeCursor(42), Type.String())).toThrow(InvalidCursorError)
  })

  it('gives no cursor on the last page', () => {
    expect(toPage([1, 2], 2, (n) => n)).toEqual({ items: [1, 2] })
  })

  it('gives the sort key of the last item returned when more follow', () => {
    const page = toPage([1, 2, 3], 2, (n) => n)
    expect(page.items).toEqual([1, 2])
    expect(decodeCursor(page.nextCursor!, Type.Number())).toBe(2)
  })
})

describe('paginated list routes', () => {
  let store: OpenBackend
  let t: TestApp
  let reader: Record<string, string>
  beforeAll(async () => {
    store = await embedded.open()
    t = await buildTestApp(store.backend)
    reader = bearer(await t.keyWithRole('read'))
    for (let i = 0; i < 250; i++) t.widgets.add(`widget-${i}`, i % 100)
  })
  afterAll(async () => {
    await t.app.close()
    await store.close()
  })

  type WidgetPage = { items: { id: string }[]; nextCursor?: string }
  const page = async (query: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/sample/v1/widgets${query}`, headers: reader })).json<WidgetPage>()

  it('walks 250 items in pages of the default size 100', async () => {
    const sizes: number[] = []
    const ids: string[] = []
    let cursor: string | undefined
    do {
      const p = await page(cursor ? `?cursor=${cursor}` : '')
      sizes.push(p.items.length)
      ids.push(...p.items.map((w) => w.id))
      cursor = p.nextCursor
    } while (cursor)
    expect(sizes).toEqual([100, 100, 50])
    expect(ids).toEqual(t.widgets.snapshot().map((w) => w.id))
  })

  it('honours an explicit limit', async () => {
    const p = await page('?limit=7')
    expect(p.items).toHaveLength(7)
    expect(p.nextCursor).toBeDefined()
  })

  it('refuses a limit over 1000 with a 400 on the querystring', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/sample/v1/widgets?limit=1001', headers: reader })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ errors: [{ in: 'querystring', field: '/limit' }] })
  })

  it('answers a forged cursor with a 400 invalid-cursor problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/sample/v1/widgets?cursor=${encodeCursor({ evil: true } as never)}`, headers: reader })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'ACS_ERR_API_INVALID_CURSOR' })
  })
})
