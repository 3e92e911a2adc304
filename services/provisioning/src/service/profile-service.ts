/** Saving profiles (validated against the data model) and waking the devices a change concerns. */
import { randomUUID } from 'node:crypto'
import type { Profile, ProfileInput } from '../profiles/profile.schema.js'
import { validateProfile } from '../profiles/validate-profile.js'
import type { SaveOutcome } from '../repositories/profile.repository.js'
import { requestConnection } from '../tasks/task-service.js'
import type { ProvisioningContext } from './context.js'

/** Validates and stores a new profile. Throws ProfileValidationError. */
export async function createProfile(ctx: ProvisioningContext, input: ProfileInput): Promise<Profile> {
  const valid = validateProfile(input, ctx.model(input.dataModelRoot))
  const now = ctx.now().toISOString()
  const profile: Profile = { ...valid, id: randomUUID(), revision: 1, createdAt: now, updatedAt: now }
  await ctx.repos.profiles.create(profile)
  wakeInBackground(ctx, [profile])
  return profile
}

/** Validates and replaces a profile at the expected revision. */
export async function replaceProfile(ctx: ProvisioningContext, id: string, input: ProfileInput, expectedRevision: number): Promise<{ outcome: SaveOutcome; profile?: Profile }> {
  const valid = validateProfile(input, ctx.model(input.dataModelRoot))
  const before = await ctx.repos.profiles.get(id)
  if (!before) return { outcome: 'not-found' }
  const profile: Profile = { ...valid, id, revision: expectedRevision + 1, createdAt: before.createdAt, updatedAt: ctx.now().toISOString() }
  const outcome = await ctx.repos.profiles.replace(profile, expectedRevision)
  if (outcome === 'saved') wakeInBackground(ctx, [before, profile])
  return { outcome, ...(outcome === 'saved' ? { profile } : {}) }
}

/** Deletes a profile; devices it configured keep their values (nothing is undone). */
export async function deleteProfile(ctx: ProvisioningContext, id: string, expectedRevision?: number): Promise<SaveOutcome> {
  return ctx.repos.profiles.delete(id, expectedRevision)
}

/**
 * Sends a connection request to every device that matches any of the profiles' filters and informed
 * within the online window, so a change reaches online devices at once. Offline devices converge at
 * their next inform. Runs after the response; a failure is logged, never retried in a loop.
 */
export function wakeInBackground(ctx: ProvisioningContext, profiles: readonly Profile[]): void {
  wakeDevices(ctx, profiles).catch((err: unknown) => ctx.logger.warn({ err }, 'waking devices after a profile change failed'))
}

/** The wake-up itself (exported for tests); returns how many devices were asked. */
export async function wakeDevices(ctx: ProvisioningContext, profiles: readonly Profile[]): Promise<number> {
  const seenSince = new Date(ctx.now().getTime() - ctx.config.ACS_PROVISIONING_ONLINE_WINDOW_S * 1000)
  const woken = new Set<string>()
  for (const profile of profiles) {
    if (!profile.enabled) continue
    let after: string | undefined
    for (;;) {
      const page = await ctx.repos.devices.list({ filter: { ...profile.filter, dataModelRoot: profile.dataModelRoot }, seenSince, limit: 500, ...(after ? { after } : {}) })
      for (const d of page) {
        if (woken.has(d.deviceId)) continue
        woken.add(d.deviceId)
        await requestConnection(ctx, d.deviceId, `profile ${profile.id} changed`)
      }
      if (page.length < 500) break
      after = page[page.length - 1]!.deviceId
    }
  }
  return woken.size
}
