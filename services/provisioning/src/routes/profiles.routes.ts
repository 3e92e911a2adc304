/** /profiles: list, create, read, replace (If-Match: revision), delete. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ApiError, NotFoundError, Page, PageQuery, PreconditionFailedError, decodeCursor, toPage } from '@acs/api-kit'
import { Profile, ProfileInput } from '../profiles/profile.schema.js'
import { ProfileValidationError } from '../profiles/validate-profile.js'
import type { ProvisioningContext } from '../service/context.js'
import { createProfile, deleteProfile, replaceProfile } from '../service/profile-service.js'

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })
const IfMatch = Type.Object({ 'if-match': Type.Optional(Type.String({ pattern: '^(W/)?"?\\d+"?$', description: 'the revision to replace, e.g. "3"' })) })

/** 422 listing every parameter that does not fit the data model. */
export class ProfileRejectedError extends ApiError {
  constructor(err: ProfileValidationError) {
    super(422, 'ACS_ERR_PROVISIONING_PROFILE_INVALID', `the profile does not fit the data model: ${err.message}`, {
      errors: err.problems.map((p) => ({ in: 'body', field: p.pointer, message: `${p.parameter}: ${p.message}` })),
    })
    this.name = 'ProfileRejectedError'
  }
}

function revisionOf(header: string | undefined): number | undefined {
  return header === undefined ? undefined : Number(header.replace(/^W\//, '').replace(/"/g, ''))
}

async function validated<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof ProfileValidationError) throw new ProfileRejectedError(err)
    throw err
  }
}

/** The profile routes. */
export function profileRoutes(ctx: ProvisioningContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/profiles', { schema: { tags: ['profiles'], summary: 'List profiles, highest priority first', querystring: PageQuery, response: { 200: Page(Profile) } } }, async (req) => {
      const all = await ctx.repos.profiles.list()
      const start = req.query.cursor ? decodeCursor(req.query.cursor, Type.Integer({ minimum: 0 })) : 0
      const rows = all.slice(start, start + req.query.limit + 1)
      return toPage(rows.map((p, i) => ({ p, i: start + i + 1 })), req.query.limit, (r) => r.i, (r) => r.p)
    })

    app.post('/profiles', { schema: { tags: ['profiles'], summary: 'Create a profile (validated against the data model)', body: ProfileInput, response: { 201: Profile } } }, async (req, reply) => {
      const profile = await validated(() => createProfile(ctx, req.body))
      req.auditDetail = { targetId: profile.id, summary: `profile ${profile.name}` }
      return reply.code(201).header('etag', `"${profile.revision}"`).send(profile)
    })

    app.get('/profiles/:id', { schema: { tags: ['profiles'], summary: 'Read a profile', params: Id, response: { 200: Profile } } }, async (req, reply) => {
      const profile = await ctx.repos.profiles.get(req.params.id)
      if (!profile) throw new NotFoundError(`no profile ${req.params.id}`)
      return reply.header('etag', `"${profile.revision}"`).send(profile)
    })

    app.put('/profiles/:id', { schema: { tags: ['profiles'], summary: 'Replace a profile; with If-Match only at that revision', params: Id, headers: IfMatch, body: ProfileInput, response: { 200: Profile } } }, async (req, reply) => {
      const current = await ctx.repos.profiles.get(req.params.id)
      if (!current) throw new NotFoundError(`no profile ${req.params.id}`)
      const expected = revisionOf(req.headers['if-match']) ?? current.revision
      const { outcome, profile } = await validated(() => replaceProfile(ctx, req.params.id, req.body, expected))
      if (outcome === 'not-found') throw new NotFoundError(`no profile ${req.params.id}`)
      if (outcome === 'revision-mismatch' || !profile) throw new PreconditionFailedError(`profile ${req.params.id} is not at revision ${expected}; read it again`)
      req.auditDetail = { targetId: profile.id, summary: `profile ${profile.name} revision ${profile.revision}` }
      return reply.header('etag', `"${profile.revision}"`).send(profile)
    })

    app.delete('/profiles/:id', { schema: { tags: ['profiles'], summary: 'Delete a profile (values it set stay on the devices)', params: Id, headers: IfMatch, response: { 204: Type.Null() } } }, async (req, reply) => {
      const outcome = await deleteProfile(ctx, req.params.id, revisionOf(req.headers['if-match']))
      if (outcome === 'not-found') throw new NotFoundError(`no profile ${req.params.id}`)
      if (outcome === 'revision-mismatch') throw new PreconditionFailedError(`profile ${req.params.id} changed; read it again`)
      req.auditDetail = { targetId: req.params.id }
      return reply.code(204).send(null)
    })
  }
}
