import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ConflictError, decodeCursor, NotFoundError, Page, PageQuery, toPage } from '@acs/api-kit'

const Widget = Type.Object({ id: Type.String(), name: Type.String(), size: Type.Integer() })
type Widget = { id: string; name: string; size: number }
const WidgetInput = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 50 }), size: Type.Integer({ minimum: 0, maximum: 100 }) },
  { additionalProperties: false },
)
const IdParams = Type.Object({ id: Type.String({ pattern: '^w[0-9]{4}$' }) })

/** The test-only resource: widgets kept in a Map, ids w0000..w9999 in creation order. */
export class WidgetStore {
  readonly items = new Map<string, Widget>()
  private next = 0

  add(name: string, size: number): Widget {
    const widget = { id: `w${String(this.next++).padStart(4, '0')}`, name, size }
    this.items.set(widget.id, widget)
    return widget
  }

  snapshot(): Widget[] {
    return [...this.items.values()].map((w) => ({ ...w }))
  }
}

/** A small service: list/get/create/replace/delete widgets, plus a route that fails unexpectedly. */
export function sampleRoutes(store: WidgetStore): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/widgets', { schema: { querystring: PageQuery, response: { 200: Page(Widget) } } }, async (request) => {
      const { limit, cursor } = request.query
      const after = cursor === undefined ? '' : decodeCursor(cursor, Type.String({ pattern: '^w[0-9]{4}$' }))
      const rows = [...store.items.values()].filter((w) => w.id > after).slice(0, limit + 1)
      return toPage(rows, limit, (w) => w.id)
    })

    app.get('/widgets/:id', { schema: { params: IdParams, response: { 200: Widget } } }, async (request) => {
      const widget = store.items.get(request.params.id)
      if (!widget) throw new NotFoundError(`no widget ${request.params.id}`)
      return widget
    })

    app.post('/widgets', { schema: { body: WidgetInput, response: { 201: Widget } } }, async (request, reply) => {
      if ([...store.items.values()].some((w) => w.name === request.body.name)) {
        throw new ConflictError(`a widget named ${request.body.name} exists`)
      }
      const widget = store.add(request.body.name, request.body.size)
      request.auditDetail = { targetId: widget.id, summary: `created widget ${widget.name}` }
      return reply.code(201).send(widget)
    })

    app.put('/widgets/:id', { schema: { params: IdParams, body: WidgetInput, response: { 200: Widget } } }, async (request) => {
      const widget = store.items.get(request.params.id)
      if (!widget) throw new NotFoundError(`no widget ${request.params.id}`)
      Object.assign(widget, request.body)
      return widget
    })

    app.delete('/widgets/:id', { schema: { params: IdParams } }, async (request, reply) => {
      if (!store.items.delete(request.params.id)) throw new NotFoundError(`no widget ${request.params.id}`)
      return reply.code(204).send()
    })

    app.get('/boom', async () => {
      throw new Error('database password is hunter2 at /srv/secret/path')
    })
  }
}
