/** Provisioning's repositories on whichever store backend the process runs with. */
import type { StoreBackend } from '@acs/store'
import { openEmbeddedDeviceRepository, openMongoDeviceRepository, type ProvisioningDeviceRepository } from './device.repository.js'
import { openEmbeddedProfileRepository, openMongoProfileRepository, type ProfileRepository } from './profile.repository.js'
import { openEmbeddedTaskRepository, openMongoTaskRepository, type TaskRepository } from './task.repository.js'

/** Every repository provisioning owns. */
export interface ProvisioningRepositories {
  profiles: ProfileRepository
  devices: ProvisioningDeviceRepository
  tasks: TaskRepository
}

/** Opens them (creating MongoDB indexes, idempotent). */
export async function openProvisioningRepositories(backend: StoreBackend): Promise<ProvisioningRepositories> {
  if (backend.kind === 'mongo') {
    return {
      profiles: await openMongoProfileRepository(backend.db, backend.needsWriteLocks),
      devices: await openMongoDeviceRepository(backend.db, backend.needsWriteLocks),
      tasks: await openMongoTaskRepository(backend.db, backend.needsWriteLocks),
    }
  }
  return {
    profiles: openEmbeddedProfileRepository(backend.root),
    devices: openEmbeddedDeviceRepository(backend.root),
    tasks: openEmbeddedTaskRepository(backend.root),
  }
}
