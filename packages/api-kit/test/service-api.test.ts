import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { createApiAuth, serviceApi, type ApiKeyRepository, type AuditLog } from '@acs/api-kit'

const noKeys: ApiKeyRepository = {
  create: () => Promise.reject(new Error('unused')),
  list: async () => [],
  get: async () => null,
  revoke: async () => null,
  verify: async () => null,
  hasAnyKey: async () => false,
}
const noAudit: AuditLog = { record: () => Promise.reject(new Error('unused')), list: async () => [] }

describe('serviceApi', () => {
  it('refuses to mount a route whose config.role is not a role', async () => {
    const app = Fastify()
    const bad = serviceApi({
      name: 'bad',
      version: '0.0.0',
      description: 'misconfigured',
      auth: createApiAuth({ keys: noKeys }),
      audit: noAudit,
      routes: async (scope) => {
        scope.get('/x', { config: { role: 'superuser' as never } }, async () => ({}))
      },
    })
    const mount = async () => {
      await app.register(bad, { prefix: '/api/bad/v1' })
      await app.ready()
    }
    await expect(mount()).rejects.toThrow(/config\.role/)
    await app.close()
  })

  it('refuses an ACS_ADMIN_API_KEY shorter than 16 characters', () => {
    expect(() => createApiAuth({ keys: noKeys, adminApiKey: 'short' })).toThrow(/at least 16/)
  })
})
