import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { embedded, type OpenBackend } from './support/backends.js'
import { bearer, buildTestApp, type TestApp } from './support/build-app.js'

interface Operation {
  requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown>; additionalProperties?: boolean } }> }
  responses: Record<string, { content?: Record<string, unknown> }>
  parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[]
  'x-acs-role': string
}
interface OpenApiDoc {
  openapi: string
  info: { title: string; version: string }
  servers: { url: string }[]
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme?: string; in?: string; name?: string }> }
  security: Record<string, string[]>[]
}

describe('the OpenAPI document', () => {
  let store: OpenBackend
  let t: TestApp
  let doc: OpenApiDoc
  beforeAll(async () => {
    store = await embedded.open()
    t = await buildTestApp(store.backend)
    const res = await t.app.inject({ method: 'GET', url: '/api/sample/v1/openapi.json', headers: bearer(await t.keyWithRole('read')) })
    expect(res.statusCode).toBe(200)
    doc = res.json<OpenApiDoc>()
  })
  afterAll(async () => {
    await t.app.close()
    await store.close()
  })

  it('is an OpenAPI 3 document for the service with its prefix as the server', () => {
    expect(doc.openapi).toMatch(/^3\./)
    expect(doc.info).toMatchObject({ title: 'ACS sample API', version: '1.2.3' })
    expect(doc.servers).toEqual([{ url: '/api/sample/v1' }])
  })

  it('lists every route of the service and only those', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(['/boom', '/widgets', '/widgets/{id}'])
    expect(Object.keys(doc.paths['/widgets/{id}']!).sort()).toEqual(['delete', 'get', 'put'])
  })

  it('carries the request body schema, closed to unknown properties', () => {
    const body = doc.paths['/widgets']!.post!.requestBody!.content['application/json']!.schema
    expect(Object.keys(body.properties).sort()).toEqual(['name', 'size'])
    expect(body.additionalProperties).toBe(false)
  })

  it('documents the problem+json errors and the role each route needs', () => {
    const post = doc.paths['/widgets']!.post!
    expect(post['x-acs-role']).toBe('write')
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403']))
    expect(post.responses['401']!.content).toEqual({ 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } })
    expect(doc.paths['/widgets']!.get!['x-acs-role']).toBe('read')
  })

  it('holds the problem schema once, under its name', () => {
    expect(doc.components.schemas.ProblemDetails).toMatchObject({ required: expect.arrayContaining(['status', 'code', 'requestId']) })
  })

  it('shows query parameters that have a default as optional', () => {
    const limit = doc.paths['/widgets']!.get!.parameters!.find((p) => p.name === 'limit')
    expect(limit).toMatchObject({ in: 'query', required: false, schema: { default: 100, maximum: 1000 } })
  })

  it('declares the API key security schemes, bearer and X-API-Key, for every operation', () => {
    const schemes = Object.values(doc.components.securitySchemes)
    expect(schemes).toContainEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }))
    expect(schemes).toContainEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }))
    expect(doc.security).toHaveLength(2)
  })

  it('is served per service: the auth API has its own document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/v1/openapi.json', headers: bearer(await t.keyWithRole('read')) })
    expect(Object.keys(res.json<OpenApiDoc>().paths).sort()).toEqual(['/api-keys', '/api-keys/{id}', '/audit'])
  })

  it('needs a key like every other route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/sample/v1/openapi.json' })
    expect(res.statusCode).toBe(401)
  })
})
