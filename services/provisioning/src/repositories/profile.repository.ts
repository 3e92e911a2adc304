/** Profiles, with a generation counter that tells every replica when its cached list is stale. */
import type { RootDatabase } from 'lmdb'
import type { Db, Document } from 'mongodb'
import type { Profile } from '../profiles/profile.schema.js'
import type { DocStore } from './doc-store.js'
import { EmbeddedDocStore } from './embedded-doc-store.js'
import { fromStored, MongoDocStore, writeLocks } from './mongo-doc-store.js'

/** Outcome of a conditional write. */
export type SaveOutcome = 'saved' | 'not-found' | 'revision-mismatch'

/** Where profiles live. */
export interface ProfileRepository {
  /** Every profile, highest priority first. */
  list(): Promise<Profile[]>
  get(id: string): Promise<Profile | null>
  create(profile: Profile): Promise<void>
  /** Replaces the profile if its stored revision is `expectedRevision`. */
  replace(profile: Profile, expectedRevision: number): Promise<SaveOutcome>
  /** Deletes the profile (if `expectedRevision` is given, only at that revision). */
  delete(id: string, expectedRevision?: number): Promise<SaveOutcome>
  /** Increases on every change; compare to know whether a cached list is current. */
  generation(): Promise<number>
}

/** Collection / sub-database names. */
export const PROFILES_COLLECTION = 'provisioning_profiles'
const META_COLLECTION = 'provisioning_meta'
const GENERATION_ID = 'profiles-generation'

interface GenerationDoc {
  generation: number
}

class DocProfileRepository implements ProfileRepository {
  constructor(
    private readonly docs: DocStore<Profile>,
    private readonly meta: DocStore<GenerationDoc>,
    readonly list: () => Promise<Profile[]>,
  ) {}

  get(id: string) {
    return this.docs.get(id)
  }

  private async bump(): Promise<void> {
    await this.meta.mutate(GENERATION_ID, (cur) => ({ generation: (cur?.generation ?? 0) + 1 }))
  }

  async create(profile: Profile): Promise<void> {
    if (!(await this.docs.insert(profile.id, profile))) throw new Error(`profile ${profile.id} exists`)
    await this.bump()
  }

  async replace(profile: Profile, expectedRevision: number): Promise<SaveOutcome> {
    let outcome: SaveOutcome = 'saved'
    await this.docs.mutate(profile.id, (cur) => {
      if (!cur) outcome = 'not-found'
      else if (cur.revision !== expectedRevision) outcome = 'revision-mismatch'
      else return profile
      return null
    })
    if (outcome === 'saved') await this.bump()
    return outcome
  }

  async delete(id: string, expectedRevision?: number): Promise<SaveOutcome> {
    const current = await this.docs.get(id)
    if (!current) return 'not-found'
    const removed = await this.docs.remove(id, (cur) => expectedRevision === undefined || cur.revision === expectedRevision)
    if (!removed) return (await this.docs.get(id)) ? 'revision-mismatch' : 'not-found'
    await this.bump()
    return 'saved'
  }

  async generation(): Promise<number> {
    return (await this.meta.get(GENERATION_ID))?.generation ?? 0
  }
}

function byPriority(a: Profile, b: Profile): number {
  return b.priority - a.priority || (a.id < b.id ? -1 : 1)
}

/** Profiles on MongoDB. */
export async function openMongoProfileRepository(db: Db, needsWriteLocks: boolean): Promise<ProfileRepository> {
  const collection = db.collection<Document>(PROFILES_COLLECTION)
  const locks = writeLocks(db, needsWriteLocks)
  const docs = new MongoDocStore<Profile>(collection, locks)
  const meta = new MongoDocStore<GenerationDoc>(db.collection<Document>(META_COLLECTION), locks)
  return new DocProfileRepository(docs, meta, async () => (await collection.find({}).toArray()).map((d) => fromStored<Profile>(d)!).sort(byPriority))
}

/** Profiles on embedded LMDB. */
export function openEmbeddedProfileRepository(root: RootDatabase): ProfileRepository {
  const docs = new EmbeddedDocStore<Profile>(root, PROFILES_COLLECTION)
  const meta = new EmbeddedDocStore<GenerationDoc>(root, META_COLLECTION)
  return new DocProfileRepository(docs, meta, async () => [...docs.db.getRange({})].map((e) => e.value).sort(byPriority))
}
