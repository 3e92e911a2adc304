import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProvisioningDevice } from '../../src/devices/provisioning-device.js'
import type { Profile } from '../../src/profiles/profile.schema.js'
import type { ProvisioningRepositories } from '../../src/repositories/open-repositories.js'
import { newTask } from '../../src/tasks/task-lifecycle.js'
import { BACKENDS } from './backends.js'

const T0 = new Date('2024-05-01T00:00:00Z')

function aProfile(id: string, over: Partial<Profile> = {}): Profile {
  return {
    id, name: id, dataModelRoot: 'Device', priority: 0, enabled: true, filter: {}, parameters: [], objects: [], attributes: [],
    revision: 1, createdAt: T0.toISOString(), updatedAt: T0.toISOString(), ...over,
  }
}

function aDevice(deviceId: string, over: Partial<ProvisioningDevice> = {}): ProvisioningDevice {
  return {
    deviceId, oui: '00D09E', productClass: 'HG', manufacturer: 'Acme', serialNumber: deviceId, dataModelRoot: 'Device',
    tags: [], variables: [], secrets: [], credentials: {}, knownValues: [], applied: { writeOnly: [] }, matchedProfiles: [], drift: [], problems: [],
    firstSeenAt: T0, lastInformAt: T0, ...over,
  }
}

function aTask(id: string, deviceId: string, over: Partial<ReturnType<typeof newTask>> = {}) {
  return { ...newTask({ id, deviceId, request: { method: 'Reboot', commandKey: id }, maxAttempts: 3, backoffSeconds: 60, connectionRequest: false, createdBy: 'test' }, T0), ...over }
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`repositories on ${backend.name}`, () => {
    let repos: ProvisioningRepositories
    let close: () => Promise<void>
    beforeAll(async () => {
      const opened = await backend.open()
      repos = opened.repos
      close = opened.close
    })
    afterAll(() => close?.())

    describe('profiles', () => {
      it('lists profiles highest priority first', async () => {
        await repos.profiles.create(aProfile('pa', { priority: 1 }))
        await repos.profiles.create(aProfile('pb', { priority: 5 }))
        expect((await repos.profiles.list()).map((p) => p.id).slice(0, 2)).toEqual(['pb', 'pa'])
      })

      it('replaces a profile only at the expected revision', async () => {
        await repos.profiles.create(aProfile('pr'))
        expect(await repos.profiles.replace(aProfile('pr', { revision: 2, name: 'new' }), 7)).toBe('revision-mismatch')
        expect(await repos.profiles.replace(aProfile('pr', { revision: 2, name: 'new' }), 1)).toBe('saved')
        expect((await repos.profiles.get('pr'))?.name).toBe('new')
      })

      it('increases the generation on every change', async () => {
        const before = await repos.profiles.generation()
        await repos.profiles.create(aProfile('pg'))
        await repos.profiles.delete('pg')
        expect(await repos.profiles.generation()).toBe(before + 2)
      })

      it('refuses to delete at a stale revision', async () => {
        await repos.profiles.create(aProfile('pd'))
        expect(await repos.profiles.delete('pd', 9)).toBe('revision-mismatch')
        expect(await repos.profiles.delete('missing')).toBe('not-found')
      })
    })

    describe('devices', () => {
      it('creates and updates a device through mutate', async () => {
        await repos.devices.mutate('d-1', () => aDevice('d-1'))
        const m = await repos.devices.mutate('d-1', (cur) => (cur ? { ...cur, tags: ['gold'] } : null))
        expect(m.changed).toBe(true)
        expect((await repos.devices.get('d-1'))?.tags).toEqual(['gold'])
      })

      it('keeps dates and drops undefined members', async () => {
        await repos.devices.mutate('d-2', () => ({ ...aDevice('d-2'), modelName: undefined }))
        const got = await repos.devices.get('d-2')
        expect(got?.lastInformAt).toEqual(T0)
        expect(got && 'modelName' in got).toBe(false)
      })

      it('serializes concurrent mutations so none is lost', async () => {
        await repos.devices.mutate('d-c', () => aDevice('d-c'))
        await Promise.all(Array.from({ length: 8 }, (_, i) => repos.devices.mutate('d-c', (cur) => (cur ? { ...cur, tags: [...cur.tags, `t${i}`] } : null))))
        expect((await repos.devices.get('d-c'))?.tags).toHaveLength(8)
      })

      it('lists devices by filter in id order with keyset pagination', async () => {
        for (const id of ['f-1', 'f-2', 'f-3']) await repos.devices.mutate(id, () => aDevice(id, { productClass: 'FILT', tags: id === 'f-2' ? ['x'] : [] }))
        const page1 = await repos.devices.list({ filter: { productClass: 'FILT' }, limit: 2 })
        expect(page1.map((d) => d.deviceId)).toEqual(['f-1', 'f-2'])
        const page2 = await repos.devices.list({ filter: { productClass: 'FILT' }, after: 'f-2', limit: 2 })
        expect(page2.map((d) => d.deviceId)).toEqual(['f-3'])
        expect((await repos.devices.list({ filter: { productClass: { glob: 'FI*' }, tags: { none: ['x'] } }, limit: 10 })).map((d) => d.deviceId)).toEqual(['f-1', 'f-3'])
      })

      it('lists only devices seen since a time', async () => {
        await repos.devices.mutate('s-old', () => aDevice('s-old', { productClass: 'SEEN', lastInformAt: new Date(0) }))
        await repos.devices.mutate('s-new', () => aDevice('s-new', { productClass: 'SEEN' }))
        expect((await repos.devices.list({ filter: { productClass: 'SEEN' }, seenSince: new Date(1000), limit: 10 })).map((d) => d.deviceId)).toEqual(['s-new'])
      })
    })

    describe('tasks', () => {
      it('lists a device’s tasks newest first, with paging', async () => {
        for (const id of ['t001', 't002', 't003']) expect(await repos.tasks.insert(aTask(id, 'dev-t'))).toBe(true)
        expect((await repos.tasks.list({ deviceId: 'dev-t', limit: 2 })).map((t) => t.id)).toEqual(['t003', 't002'])
        expect((await repos.tasks.list({ deviceId: 'dev-t', before: 't002', limit: 2 })).map((t) => t.id)).toEqual(['t001'])
      })

      it('refuses a second task with the same id', async () => {
        await repos.tasks.insert(aTask('t-dup', 'dev-x'))
        expect(await repos.tasks.insert(aTask('t-dup', 'dev-x'))).toBe(false)
      })

      it('finds due retries and tasks never queued', async () => {
        await repos.tasks.insert(aTask('t-r', 'dev-r', { status: 'faulted', nextAttemptAt: new Date(T0.getTime() + 1000), rpcId: 'r1' }))
        await repos.tasks.insert(aTask('t-s', 'dev-r'))
        const later = new Date(T0.getTime() + 5000)
        const ids = (await repos.tasks.needingAttention(later, later, 100)).map((t) => t.id)
        expect(ids).toEqual(expect.arrayContaining(['t-r', 't-s']))
        expect((await repos.tasks.needingAttention(T0, T0, 100)).map((t) => t.id)).not.toContain('t-r')
      })

      it('lists by status and follows a status change', async () => {
        await repos.tasks.insert(aTask('t-st', 'dev-st'))
        await repos.tasks.mutate('t-st', (t) => (t ? { ...t, status: 'done', finishedAt: T0 } : null))
        expect((await repos.tasks.list({ statuses: ['done'], limit: 100 })).map((t) => t.id)).toContain('t-st')
        expect((await repos.tasks.list({ statuses: ['queued'], limit: 100 })).map((t) => t.id)).not.toContain('t-st')
      })

      it('deletes finished tasks past retention and keeps the rest', async () => {
        await repos.tasks.insert(aTask('t-old', 'dev-o', { status: 'done', finishedAt: new Date(0) }))
        await repos.tasks.insert(aTask('t-open', 'dev-o'))
        expect(await repos.tasks.deleteFinishedBefore(new Date(1000), 100)).toBe(1)
        expect(await repos.tasks.get('t-old')).toBeNull()
        expect(await repos.tasks.get('t-open')).not.toBeNull()
      })
    })
  })
}
