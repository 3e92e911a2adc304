import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { open } from 'lmdb'
import { MongoClient } from 'mongodb'
import type { ApiStoreBackend } from '@acs/api-kit'

/** A store backend opened for one test file, and how to remove it afterwards. */
export interface OpenBackend {
  backend: ApiStoreBackend
  close(): Promise<void>
}

/** One of the two store backends the API runs on; `skip` says why it cannot run here. */
export interface BackendFixture {
  name: 'embedded' | 'mongo'
  skip: string | null
  open(): Promise<OpenBackend>
}

/** lmdb in a fresh temporary directory, removed on close. */
export const embedded: BackendFixture = {
  name: 'embedded',
  skip: null,
  async open() {
    const dir = await mkdtemp(join(tmpdir(), 'api-kit-'))
    const root = open({ path: join(dir, 'store'), maxDbs: 32 })
    return {
      backend: { kind: 'embedded', root, dir },
      async close() {
        await root.close()
        await rm(dir, { recursive: true, force: true })
      },
    }
  },
}

const mongoUrl = process.env.MONGODB_URL
if (!mongoUrl && process.env.CI) {
  throw new Error('MONGODB_URL must be set in CI: the API key and audit tests run on MongoDB too')
}

/** MONGODB_URL with a unique database per test file, dropped on close; skipped (with the reason) when unset outside CI. */
export const mongo: BackendFixture = {
  name: 'mongo',
  skip: mongoUrl ? null : 'MONGODB_URL is not set: the MongoDB variant of the api-kit tests is skipped',
  async open() {
    if (!mongoUrl) throw new Error('MONGODB_URL is not set')
    const client = await MongoClient.connect(mongoUrl, { serverSelectionTimeoutMS: 10_000 })
    const db = client.db(`api_kit_test_${randomBytes(6).toString('hex')}`)
    return {
      backend: { kind: 'mongo', db },
      async close() {
        await db.dropDatabase()
        await client.close()
      },
    }
  },
}

if (mongo.skip) console.warn(`[api-kit tests] ${mongo.skip}`)

/** Both backends, for describe.each. */
export const BACKENDS: BackendFixture[] = [embedded, mongo]
