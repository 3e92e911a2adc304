/** Every profile in memory, reloaded when the store's generation counter moved (a change by any replica). */
import type { Profile } from '../profiles/profile.schema.js'
import { templateRefs } from '../profiles/template.js'
import type { ProfileRepository } from '../repositories/profile.repository.js'

/** The cached list plus what is derived from it once per change. */
export interface ProfileSnapshot {
  generation: number
  profiles: Profile[]
  /** Names of every {{secret.NAME}} in any profile: generated per device on first sight. */
  secretNames: string[]
}

/** Reads the generation on each call (one point read) and reloads only when it changed. */
export class ProfileCache {
  private snapshot: ProfileSnapshot | null = null
  private loading: Promise<ProfileSnapshot> | null = null

  constructor(private readonly repo: ProfileRepository) {}

  /** The current profiles. */
  async current(): Promise<ProfileSnapshot> {
    const generation = await this.repo.generation()
    if (this.snapshot && this.snapshot.generation === generation) return this.snapshot
    this.loading ??= this.load(generation).finally(() => {
      this.loading = null
    })
    return this.loading
  }

  private async load(generation: number): Promise<ProfileSnapshot> {
    const profiles = await this.repo.list()
    const secretNames = new Set<string>()
    for (const p of profiles) {
      const values = [...p.parameters.map((x) => x.value), ...p.objects.flatMap((o) => [...o.key, ...(o.parameters ?? [])].map((x) => x.value))]
      for (const v of values) for (const ref of templateRefs(v)) if (ref.kind === 'secret') secretNames.add(ref.name)
    }
    this.snapshot = { generation, profiles, secretNames: [...secretNames].sort() }
    return this.snapshot
  }
}
