import { open, type RootDatabase } from 'lmdb'
import { MongoClient } from 'mongodb'
import { integrationEnv, tempDir, type IntegrationContext, type TempDir } from '@acs/testing'
import type { StoreBackend } from '@acs/store'
import { isFerretDb } from '@acs/store'
import { openProvisioningRepositories, type ProvisioningRepositories } from '../../src/repositories/open-repositories.js'

/** A backend a repository suite runs against: the embedded one always, MongoDB when configured. */
export interface BackendUnderTest {
  name: string
  skip: boolean
  open(): Promise<{ repos: ProvisioningRepositories; close(): Promise<void> }>
}

const mongo = integrationEnv({ needs: ['mongo'] })

/** Embedded LMDB in a temp dir, and MongoDB (FerretDB in CI) through integrationEnv. */
export const BACKENDS: BackendUnderTest[] = [
  {
    name: 'embedded',
    skip: false,
    async open() {
      const dir: TempDir = await tempDir('acs-prov-')
      const root: RootDatabase = open({ path: dir.path, compression: false, maxDbs: 64 })
      const backend: StoreBackend = { kind: 'embedded', root, dir: dir.path }
      return {
        repos: await openProvisioningRepositories(backend),
        async close() {
          await root.close()
          await dir.remove()
        },
      }
    },
  },
  {
    name: 'mongo',
    skip: mongo.skip,
    async open() {
      const ctx: IntegrationContext = await mongo.open()
      const client = await MongoClient.connect(ctx.mongoUrl!, { ignoreUndefined: true })
      const db = client.db(ctx.dbName)
      const backend: StoreBackend = { kind: 'mongo', client, db, needsWriteLocks: await isFerretDb(client) }
      return {
        repos: await openProvisioningRepositories(backend),
        async close() {
          await client.close()
          await ctx.close()
        },
      }
    },
  },
]
