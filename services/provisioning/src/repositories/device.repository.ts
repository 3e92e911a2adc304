/** Provisioning's device view (collection provisioning_devices). */
import type { RootDatabase } from 'lmdb'
import type { Db, Document, Filter } from 'mongodb'
import type { ProvisioningDevice } from '../devices/provisioning-device.js'
import { matchFilter } from '../profiles/device-filter.js'
import type { DeviceFilter, StringMatch } from '../profiles/profile.schema.js'
import type { DocStore, Mutation } from './doc-store.js'
import { EmbeddedDocStore } from './embedded-doc-store.js'
import { ensureIndexes } from '@acs/store'
import { fromStored, MongoDocStore, writeLocks } from './mongo-doc-store.js'

/** Which devices to list: by filter, recently seen, after a device id (keyset pagination by id). */
export interface DeviceQuery {
  filter?: DeviceFilter
  seenSince?: Date
  after?: string
  limit: number
}

/** Where provisioning keeps its devices. */
export interface ProvisioningDeviceRepository {
  get(deviceId: string): Promise<ProvisioningDevice | null>
  /** Atomic read-modify-write of one device (see DocStore.mutate). */
  mutate(deviceId: string, fn: (current: ProvisioningDevice | null) => ProvisioningDevice | null): Promise<Mutation<ProvisioningDevice>>
  /** Devices matching the query, in device id order. */
  list(query: DeviceQuery): Promise<ProvisioningDevice[]>
}

/** Collection / sub-database name. */
export const DEVICES_COLLECTION = 'provisioning_devices'

class DocDeviceRepository implements ProvisioningDeviceRepository {
  constructor(
    private readonly docs: DocStore<ProvisioningDevice>,
    readonly list: (query: DeviceQuery) => Promise<ProvisioningDevice[]>,
  ) {}

  get(deviceId: string) {
    return this.docs.get(deviceId)
  }

  mutate(deviceId: string, fn: (current: ProvisioningDevice | null) => ProvisioningDevice | null) {
    return this.docs.mutate(deviceId, fn)
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function stringCondition(m: StringMatch): unknown {
  if (typeof m === 'string') return m
  if ('in' in m) return { $in: m.in }
  if ('prefix' in m) return { $regex: `^${escapeRegExp(m.prefix)}` }
  return { $regex: `^${escapeRegExp(m.glob).replace(/\\\*/g, '.*').replace(/\\\?/g, '.')}$`, $options: 's' }
}

/** The MongoDB query for a device filter (the same semantics as matchFilter with every fact known). */
export function mongoDeviceQuery(query: DeviceQuery): Filter<Document> {
  const f = query.filter ?? {}
  const and: Filter<Document>[] = []
  for (const field of ['oui', 'productClass', 'manufacturer', 'serialNumber', 'modelName', 'softwareVersion', 'hardwareVersion'] as const) {
    const m = f[field]
    if (m !== undefined) and.push({ [field]: stringCondition(m) })
  }
  if (f.dataModelRoot) and.push({ dataModelRoot: f.dataModelRoot })
  if (f.deviceIds) and.push({ _id: { $in: f.deviceIds as never[] } })
  if (f.tags?.all?.length) and.push({ tags: { $all: f.tags.all } })
  if (f.tags?.any?.length) and.push({ tags: { $in: f.tags.any } })
  if (f.tags?.none?.length) and.push({ tags: { $nin: f.tags.none } })
  if (query.seenSince) and.push({ lastInformAt: { $gte: query.seenSince } })
  if (query.after !== undefined) and.push({ _id: { $gt: query.after as never } })
  return and.length > 0 ? { $and: and } : {}
}

/** Devices on MongoDB. */
export async function openMongoDeviceRepository(db: Db, needsWriteLocks: boolean): Promise<ProvisioningDeviceRepository> {
  const collection = db.collection<Document>(DEVICES_COLLECTION)
  await ensureIndexes(collection, [
    { key: { oui: 1, productClass: 1 }, name: 'oui_product_class' },
    { key: { tags: 1 }, name: 'tags' },
    { key: { lastInformAt: 1 }, name: 'last_inform_at' },
  ])
  const docs = new MongoDocStore<ProvisioningDevice>(collection, writeLocks(db, needsWriteLocks))
  return new DocDeviceRepository(docs, async (query) =>
    (await collection.find(mongoDeviceQuery(query)).sort({ _id: 1 }).limit(query.limit).toArray()).map((d) => fromStored<ProvisioningDevice>(d)!),
  )
}

/** Devices on embedded LMDB; filtered lists scan in id order. */
export function openEmbeddedDeviceRepository(root: RootDatabase): ProvisioningDeviceRepository {
  const docs = new EmbeddedDocStore<ProvisioningDevice>(root, DEVICES_COLLECTION)
  return new DocDeviceRepository(docs, async (query) => {
    const out: ProvisioningDevice[] = []
    const range = query.after !== undefined ? { start: query.after } : {}
    for (const { key, value } of docs.db.getRange(range)) {
      if (query.after !== undefined && key === query.after) continue
      if (query.seenSince && value.lastInformAt < query.seenSince) continue
      if (query.filter && matchFilter(query.filter, value) !== 'match') continue
      out.push(value)
      if (out.length >= query.limit) break
    }
    return out
  })
}
