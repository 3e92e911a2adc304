/** /devices/{id}/tasks and /tasks: queue any CPE RPC for one device or a filtered population, follow it, cancel it. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { BadRequestError, ConflictError, NotFoundError, Page, PageQuery, decodeCursor, principalOf, toPage } from '@acs/api-kit'
import type { CpeRequest } from '@acs/cwmp'
import { DeviceFilter } from '../profiles/profile.schema.js'
import type { ProvisioningContext } from '../service/context.js'
import type { Task, TaskStatus } from '../tasks/task.js'
import { RetryPolicy, TaskRequest } from '../tasks/task-request.schema.js'
import { cancelTaskById, createTask } from '../tasks/task-service.js'
import { taskView, TaskView } from './views.js'

const DeviceParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 512 }) })
const TaskParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })
const Status = Type.Union(['queued', 'done', 'faulted', 'expired', 'cancelled'].map((s) => Type.Literal(s)))

const TaskOptions = {
  request: TaskRequest,
  connectionRequest: Type.Boolean({ default: false, description: 'wake the device now instead of waiting for its next inform' }),
  expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'not sent after this instant (the task then expires)' })),
  retry: Type.Optional(RetryPolicy),
}
const CreateTaskBody = Type.Object(TaskOptions, { additionalProperties: false })
const BulkTaskBody = Type.Object({ ...TaskOptions, filter: DeviceFilter }, { additionalProperties: false })

const TaskListQuery = Type.Intersect([
  PageQuery,
  Type.Object({ status: Type.Optional(Status), deviceId: Type.Optional(Type.String({ maxLength: 512 })), bulkId: Type.Optional(Type.String({ maxLength: 64 })) }),
])

/** The task routes. */
export function taskRoutes(ctx: ProvisioningContext): FastifyPluginAsyncTypebox {
  /** 'sent' while the RPC is on the wire: read from the device queue, the gateway's record. */
  const live = async (t: Task): Promise<TaskStatus> => {
    if (t.status !== 'queued' || !t.rpcId) return t.status
    const rpc = await ctx.store.rpcQueue.get(t.rpcId)
    return rpc?.status === 'sent' ? 'sent' : t.status
  }
  const view = async (t: Task) => taskView(t, await live(t))
  const expiry = (at: string | undefined) => {
    if (at === undefined) return undefined
    const d = new Date(at)
    if (d <= ctx.now()) throw new BadRequestError('expiresAt is in the past')
    return d
  }
  const page = async (rows: Task[], limit: number) => {
    const p = toPage(rows, limit, (t) => t.id)
    return { ...p, items: await Promise.all(p.items.map(view)) }
  }

  return async (app) => {
    app.post('/devices/:id/tasks', { schema: { tags: ['tasks'], summary: 'Queue an RPC for one device', params: DeviceParams, body: CreateTaskBody, response: { 201: TaskView } } }, async (req, reply) => {
      const task = await createTask(ctx, {
        deviceId: req.params.id,
        request: req.body.request as CpeRequest,
        connectionRequest: req.body.connectionRequest,
        createdBy: principalOf(req).name,
        ...(req.body.retry ? { retry: req.body.retry } : {}),
        ...(req.body.expiresAt ? { expiresAt: expiry(req.body.expiresAt) } : {}),
      })
      req.auditDetail = { targetId: task.id, summary: `${task.request.method} for ${task.deviceId}` }
      return reply.code(201).send(await view(task))
    })

    app.get('/devices/:id/tasks', { schema: { tags: ['tasks'], summary: "A device's tasks, newest first", params: DeviceParams, querystring: PageQuery, response: { 200: Page(TaskView) } } }, async (req) => {
      const before = req.query.cursor ? decodeCursor(req.query.cursor, Type.String()) : undefined
      return page(await ctx.repos.tasks.list({ deviceId: req.params.id, limit: req.query.limit + 1, ...(before ? { before } : {}) }), req.query.limit)
    })

    app.get('/tasks', { schema: { tags: ['tasks'], summary: 'Search tasks, newest first', querystring: TaskListQuery, response: { 200: Page(TaskView) } } }, async (req) => {
      const before = req.query.cursor ? decodeCursor(req.query.cursor, Type.String()) : undefined
      const rows = await ctx.repos.tasks.list({
        limit: req.query.limit + 1,
        ...(before ? { before } : {}),
        ...(req.query.deviceId ? { deviceId: req.query.deviceId } : {}),
        ...(req.query.bulkId ? { bulkId: req.query.bulkId } : {}),
        ...(req.query.status ? { statuses: [req.query.status as Task['status']] } : {}),
      })
      return page(rows, req.query.limit)
    })

    app.post(
      '/tasks',
      { schema: { tags: ['tasks'], summary: 'Queue an RPC for every device matching a filter', body: BulkTaskBody, response: { 202: Type.Object({ bulkId: Type.String(), tasks: Type.Integer() }) } } },
      async (req, reply) => {
        const bulkId = `bulk-${ctx.now().getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
        const expiresAt = expiry(req.body.expiresAt)
        const max = ctx.config.ACS_PROVISIONING_BULK_MAX_DEVICES
        let count = 0
        let after: string | undefined
        for (;;) {
          const devices = await ctx.repos.devices.list({ filter: req.body.filter, limit: 500, ...(after ? { after } : {}) })
          for (const d of devices) {
            if (++count > max) throw new ConflictError(`the filter matches more than ${max} devices (ACS_PROVISIONING_BULK_MAX_DEVICES); ${count - 1} tasks were queued under ${bulkId}`, { bulkId })
            await createTask(ctx, {
              deviceId: d.deviceId,
              bulkId,
              request: req.body.request as CpeRequest,
              connectionRequest: req.body.connectionRequest,
              createdBy: principalOf(req).name,
              ...(req.body.retry ? { retry: req.body.retry } : {}),
              ...(expiresAt ? { expiresAt } : {}),
            })
          }
          if (devices.length < 500) break
          after = devices[devices.length - 1]!.deviceId
        }
        req.auditDetail = { targetId: bulkId, summary: `${req.body.request.method} for ${count} devices` }
        return reply.code(202).send({ bulkId, tasks: count })
      },
    )

    app.get('/tasks/:id', { schema: { tags: ['tasks'], summary: 'Read a task', params: TaskParams, response: { 200: TaskView } } }, async (req) => {
      const task = await ctx.repos.tasks.get(req.params.id)
      if (!task) throw new NotFoundError(`no task ${req.params.id}`)
      return view(task)
    })

    app.post('/tasks/:id/cancel', { schema: { tags: ['tasks'], summary: 'Cancel a task not yet sent', params: TaskParams, response: { 200: TaskView } } }, async (req) => {
      const { outcome, task } = await cancelTaskById(ctx, req.params.id)
      if (outcome === 'not-found' || !task) throw new NotFoundError(`no task ${req.params.id}`)
      if (outcome === 'in-flight') throw new ConflictError(`task ${req.params.id} is being sent to the device; it can no longer be cancelled`)
      if (outcome === 'already-finished') throw new ConflictError(`task ${req.params.id} is already ${task.status}`)
      req.auditDetail = { targetId: task.id }
      return view(task)
    })
  }
}
