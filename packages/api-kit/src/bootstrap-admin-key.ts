import type { ApiKeyRepository } from './api-key.repository.js'

/** The name of the admin key created on the first start. */
export const BOOTSTRAP_KEY_NAME = 'bootstrap-admin'

/**
 * On the first start (no key was ever created, revoked ones included) creates an admin key named
 * 'bootstrap-admin', calls `log` once with a message that shows it, and returns it; returns null
 * otherwise. Only its hash is stored, so this is the only time it can be seen. Call it from one
 * process (the embedded default): two processes starting together on an empty store could both
 * create one.
 */
export async function ensureBootstrapAdminKey(
  repo: ApiKeyRepository,
  log: (msg: string) => void,
  now: Date = new Date(),
): Promise<string | null> {
  if (await repo.hasAnyKey()) return null
  const { record, key } = await repo.create({ name: BOOTSTRAP_KEY_NAME, role: 'admin' }, now)
  log(
    `created the first admin API key (id ${record.id}); it is shown only this once, store it now:\n` +
      `  ${key}\n` +
      `use it as "Authorization: Bearer <key>" and create named keys with POST /api/auth/v1/api-keys`,
  )
  return key
}
