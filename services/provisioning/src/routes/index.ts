/** Every route of the provisioning API. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ProvisioningContext } from '../service/context.js'
import { deviceRoutes } from './devices.routes.js'
import { profileRoutes } from './profiles.routes.js'
import { taskRoutes } from './tasks.routes.js'

/** Profiles, devices and tasks, to hand to serviceApi. */
export function provisioningRoutes(ctx: ProvisioningContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(profileRoutes(ctx))
    await app.register(deviceRoutes(ctx))
    await app.register(taskRoutes(ctx))
  }
}
