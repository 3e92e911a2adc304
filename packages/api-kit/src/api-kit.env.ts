import { Type } from '@sinclair/typebox'
import { MIN_ADMIN_API_KEY_LENGTH } from './api-auth.js'

/** Environment variables of the API foundation, to spread into a service's config schema. */
export const ApiKitEnv = {
  ACS_ADMIN_API_KEY: Type.Optional(
    Type.String({
      minLength: MIN_ADMIN_API_KEY_LENGTH,
      description: 'accepted as an admin API key in addition to the stored keys (automation, tests)',
    }),
  ),
}
