import { describe, expect, it } from 'vitest'
import { integrationEnv, MissingServerError } from '../src/index.js'

describe('integrationEnv', () => {
  it('is ready when every needed URL is set', () => {
    const env = integrationEnv({ env: { NATS_URL: 'nats://127.0.0.1:4222', MONGODB_URL: 'mongodb://127.0.0.1:27017/' } })
    expect(env).toMatchObject({ skip: false, natsUrl: 'nats://127.0.0.1:4222', mongoUrl: 'mongodb://127.0.0.1:27017/' })
  })

  it('skips outside CI and names the missing variable', () => {
    const env = integrationEnv({ env: { NATS_URL: 'nats://127.0.0.1:4222' } })
    expect(env.skip).toBe(true)
    expect(env.reason).toContain('MONGODB_URL is not set')
  })

  it('refuses to open a context when skipped', async () => {
    await expect(integrationEnv({ env: {} }).open()).rejects.toBeInstanceOf(MissingServerError)
  })

  it('throws in CI with a hint on how to start the servers', () => {
    expect(() => integrationEnv({ env: { CI: 'true' } })).toThrow(/NATS_URL and MONGODB_URL are not set but CI is: run the tests through `bash \.ci\/run`/)
  })

  it('only requires the servers a test file needs', () => {
    expect(integrationEnv({ needs: ['mongo'], env: { CI: 'true', MONGODB_URL: 'mongodb://127.0.0.1:27017/' } }).skip).toBe(false)
  })
})
