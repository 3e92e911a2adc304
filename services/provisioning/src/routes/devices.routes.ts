/** /devices: provisioning's view of each device, its tags and variables, provenance and dry run. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { NotFoundError, Page, PageQuery, decodeCursor, toPage } from '@acs/api-kit'
import { computeDesired } from '../desired/compute-desired.js'
import { configurationDigest } from '../desired/desired-state.js'
import { knowledgeOf, managementOf } from '../devices/knowledge.js'
import { fromMap, toMap } from '../devices/provisioning-device.js'
import { isKnownRoot, type ProvisioningContext } from '../service/context.js'
import { dryRun } from '../service/dry-run.js'
import { deviceView, DeviceView } from './views.js'

const DeviceParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 512 }) })
const Tag = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' })
const VarName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z_][A-Za-z0-9_]*$' })
const Loose = Type.Object({}, { additionalProperties: true })

const DeviceListQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    oui: Type.Optional(Type.String({ maxLength: 64 })),
    productClass: Type.Optional(Type.String({ maxLength: 64 })),
    tag: Type.Optional(Tag),
    profile: Type.Optional(Type.String({ maxLength: 64, description: 'only devices this profile matched at their last inform' })),
  }),
])

const Provenance = Type.Object({
  deviceId: Type.String(),
  digest: Type.Optional(Type.String()),
  parameters: Type.Array(Type.Object({ name: Type.String(), value: Type.String(), type: Type.String(), source: Type.String() })),
  objects: Type.Array(Loose),
  attributes: Type.Array(Loose),
  overrides: Type.Array(Loose, { description: 'where a higher-priority profile won over others' }),
  problems: Type.Array(Loose),
  unresolved: Type.Array(Type.String()),
  sources: Type.Array(Type.String()),
})

/** The device routes. */
export function deviceRoutes(ctx: ProvisioningContext): FastifyPluginAsyncTypebox {
  const mustGet = async (id: string) => {
    const d = await ctx.repos.devices.get(id)
    if (!d) throw new NotFoundError(`provisioning has not seen device ${id}`)
    return d
  }

  return async (app) => {
    app.get('/devices', { schema: { tags: ['devices'], summary: 'List devices (by id)', querystring: DeviceListQuery, response: { 200: Page(DeviceView) } } }, async (req) => {
      const after = req.query.cursor ? decodeCursor(req.query.cursor, Type.String()) : undefined
      const filter = {
        ...(req.query.oui ? { oui: req.query.oui } : {}),
        ...(req.query.productClass ? { productClass: req.query.productClass } : {}),
        ...(req.query.tag ? { tags: { all: [req.query.tag] } } : {}),
      }
      let rows = await ctx.repos.devices.list({ filter, limit: req.query.limit + 1, ...(after !== undefined ? { after } : {}) })
      if (req.query.profile) rows = rows.filter((d) => d.matchedProfiles.includes(req.query.profile!))
      return toPage(rows, req.query.limit, (d) => d.deviceId, deviceView)
    })

    app.get('/devices/:id', { schema: { tags: ['devices'], summary: 'Read a device', params: DeviceParams, response: { 200: DeviceView } } }, async (req) => deviceView(await mustGet(req.params.id)))

    app.get('/devices/:id/desired', { schema: { tags: ['devices'], summary: 'The desired configuration and which profile set what', params: DeviceParams, response: { 200: Provenance } } }, async (req) => {
      const device = await mustGet(req.params.id)
      if (!isKnownRoot(device.dataModelRoot)) throw new NotFoundError(`device ${device.deviceId} has an unknown data-model root`)
      const k = knowledgeOf(device)
      const snapshot = await ctx.profiles.current()
      const { state } = computeDesired({ ...k, values: k.knownValues, profiles: snapshot.profiles, management: managementOf(device, ctx.config), model: ctx.renderModel(device.dataModelRoot), includeUnknown: false })
      const digest = configurationDigest(state)
      return {
        deviceId: device.deviceId,
        ...(digest ? { digest } : {}),
        parameters: state.parameters.map((p) => ({ name: p.name, value: p.writeOnly ? '********' : p.value, type: p.type, source: p.source })),
        objects: state.objects.map((o) => ({ ...o, parameters: o.parameters.map((p) => (p.writeOnly ? { ...p, value: '********' } : p)) })),
        attributes: state.attributes,
        overrides: state.overrides,
        problems: state.problems,
        unresolved: state.unresolved,
        sources: state.sources,
      }
    })

    app.get(
      '/devices/:id/dry-run',
      {
        schema: {
          tags: ['devices'],
          summary: 'Which RPCs convergence would send if the device informed now',
          params: DeviceParams,
          querystring: Type.Object({ bootstrap: Type.Boolean({ default: false, description: 'plan as for a 0 BOOTSTRAP inform' }) }),
          response: { 200: Type.Object({ deviceId: Type.String(), converge: Type.Boolean(), reason: Type.String(), digest: Type.Optional(Type.String()), rpcs: Type.Array(Loose) }) },
        },
      },
      async (req) => {
        const device = await mustGet(req.params.id)
        const result = await dryRun(ctx, device, req.query.bootstrap)
        if (!result) throw new NotFoundError(`device ${device.deviceId} has an unknown data-model root`)
        return { deviceId: result.deviceId, converge: result.converge, reason: result.reason, ...(result.digest ? { digest: result.digest } : {}), rpcs: result.rpcs as unknown as Record<string, unknown>[] }
      },
    )

    app.put('/devices/:id/tags', { schema: { tags: ['devices'], summary: 'Replace the device tags (profiles filter on them)', params: DeviceParams, body: Type.Array(Tag, { maxItems: 50, uniqueItems: true }), response: { 200: DeviceView } } }, async (req) => {
      const m = await ctx.repos.devices.mutate(req.params.id, (cur) => (cur ? { ...cur, tags: [...req.body].sort() } : null))
      if (!m.after) throw new NotFoundError(`provisioning has not seen device ${req.params.id}`)
      req.auditDetail = { targetId: req.params.id, summary: `tags ${req.body.join(',')}` }
      return deviceView(m.after)
    })

    app.patch(
      '/devices/:id/variables',
      {
        schema: {
          tags: ['devices'],
          summary: 'Set (string) or remove (null) per-device variables used by {{var.NAME}}',
          params: DeviceParams,
          body: Type.Record(VarName, Type.Union([Type.String({ maxLength: 1024 }), Type.Null()]), { maxProperties: 100 }),
          response: { 200: DeviceView },
        },
      },
      async (req) => {
        const m = await ctx.repos.devices.mutate(req.params.id, (cur) => {
          if (!cur) return null
          const vars = toMap(cur.variables)
          for (const [k, v] of Object.entries(req.body)) {
            if (v === null) vars.delete(k)
            else vars.set(k, v)
          }
          return { ...cur, variables: fromMap(vars) }
        })
        if (!m.after) throw new NotFoundError(`provisioning has not seen device ${req.params.id}`)
        req.auditDetail = { targetId: req.params.id, summary: `variables ${Object.keys(req.body).join(',')}` }
        return deviceView(m.after)
      },
    )
  }
}
