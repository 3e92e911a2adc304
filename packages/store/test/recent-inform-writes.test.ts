import { describe, expect, it } from 'vitest'
import { LAST_INFORM_RESOLUTION_MS, type DeviceRecord, type InformRecord } from '../src/index.js'
import { RecentInformWrites } from '../src/mongo/recent-inform-writes.js'
import { at } from './builders.js'

function anInform(deviceId: string, seconds: number, overrides: Partial<DeviceRecord> = {}): InformRecord {
  return {
    deviceId,
    oui: '000000',
    productClass: 'Test',
    serialNumber: deviceId,
    manufacturer: 'ACME',
    lastInformAt: at(seconds),
    lastRemoteAddress: '127.0.0.1',
    cwmpVersion: '1.4',
    namespace: 'urn:dslforum-org:cwmp-1-4',
    dataModelRoot: 'Device.',
    ...overrides,
  }
}

const resolution = LAST_INFORM_RESOLUTION_MS / 1000

/** The memo around a write that records what reached "the database", and can be told to fail. */
function memoWithWrites(perGeneration?: number) {
  const memo = new RecentInformWrites(perGeneration)
  const written: InformRecord[] = []
  const record = (fields: InformRecord, outcome: 'ok' | 'fail' | 'applied-then-fail' = 'ok') =>
    memo.writeUnlessRepeated(fields, async () => {
      if (outcome !== 'fail') written.push(fields)
      if (outcome !== 'ok') throw new Error('connection reset')
      return 'written'
    })
  return { memo, written, record }
}

describe('RecentInformWrites', () => {
  it('writes a device it never wrote', async () => {
    const { written, record } = memoWithWrites()
    expect(await record(anInform('a', 0))).toBe('written')
    expect(written).toHaveLength(1)
  })

  it('skips a repeat within the resolution, and writes one a resolution later', async () => {
    const { written, record } = memoWithWrites()
    await record(anInform('a', 0))
    expect(await record(anInform('a', resolution - 1))).toBeNull()
    expect(await record(anInform('a', resolution))).toBe('written')
    expect(written.map((r) => r.lastInformAt)).toEqual([at(0), at(resolution)])
  })

  it('writes any other moved field, a field the CPE left out, and an Inform older than the one written', async () => {
    const { written, record } = memoWithWrites()
    await record(anInform('a', 10, { connectionRequestUrl: 'http://127.0.0.1:7547/' }))
    await record(anInform('a', 11, { connectionRequestUrl: 'http://127.0.0.1:7547/', lastRemoteAddress: '127.0.0.2' }))
    await record(anInform('a', 12, { connectionRequestUrl: 'http://127.0.0.1:7548/', lastRemoteAddress: '127.0.0.2' }))
    await record(anInform('a', 13, { lastRemoteAddress: '127.0.0.2' }))
    await record(anInform('a', 9, { lastRemoteAddress: '127.0.0.2' }))
    expect(written.map((r) => r.lastInformAt)).toEqual([at(10), at(11), at(12), at(13), at(9)])
  })

  it('does not remember a failed write, even one the database may have applied', async () => {
    const { written, record } = memoWithWrites()
    await record(anInform('a', 0))
    await expect(record(anInform('a', 1, { lastRemoteAddress: '127.0.0.2' }), 'applied-then-fail')).rejects.toThrow('connection reset')
    // The database may hold .2 now: the first address again must be written, not skipped as a repeat.
    expect(await record(anInform('a', 2))).toBe('written')
    await expect(record(anInform('a', 3), 'fail')).resolves.toBeNull()
    expect(written.map((r) => r.lastRemoteAddress)).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.1'])
  })

  it('remembers neither of two overlapping writes of one device, whichever the database kept', async () => {
    const memo = new RecentInformWrites()
    const later = (value: string) => {
      let finish!: () => void
      const done = new Promise<string>((resolve) => (finish = () => resolve(value)))
      return { finish, write: () => done }
    }
    // The older write finishes last, so the database may hold either address.
    const older = later('older')
    const first = memo.writeUnlessRepeated(anInform('a', 0), older.write)
    await memo.writeUnlessRepeated(anInform('a', 5, { lastRemoteAddress: '127.0.0.2' }), async () => 'newer')
    older.finish()
    await first
    expect(await memo.writeUnlessRepeated(anInform('a', 6, { lastRemoteAddress: '127.0.0.2' }), async () => 'written')).toBe('written')

    // One write succeeds while an overlapping one fails after it may have been applied.
    const slow = later('slow')
    const pending = memo.writeUnlessRepeated(anInform('b', 0), slow.write)
    await expect(
      memo.writeUnlessRepeated(anInform('b', 5, { lastRemoteAddress: '127.0.0.2' }), () => Promise.reject(new Error('connection reset'))),
    ).rejects.toThrow('connection reset')
    slow.finish()
    await pending
    expect(await memo.writeUnlessRepeated(anInform('b', 6), async () => 'written')).toBe('written')

    // Once no write overlaps, the device is remembered again.
    expect(await memo.writeUnlessRepeated(anInform('b', 7), async () => 'written')).toBeNull()
  })

  it('writes when any one field of a fully reported device changes', async () => {
    const full = anInform('a', 0, {
      connectionRequestUrl: 'http://127.0.0.1:7547/cr',
      udpConnectionRequestAddress: '127.0.0.1:7547',
      softwareVersion: '1.0.0',
    })
    const fields = Object.keys(full).filter((k) => k !== 'lastInformAt' && k !== 'deviceId') as (keyof InformRecord)[]
    expect(fields).toHaveLength(11)
    for (const field of fields) {
      const { written, record } = memoWithWrites()
      await record(full)
      expect(await record({ ...full, lastInformAt: at(1) })).toBeNull()
      expect(await record({ ...full, lastInformAt: at(2), [field]: `${String(full[field])}-changed` }), field).toBe('written')
      expect(written).toHaveLength(2)
    }
  })

  it('keeps a device written just before a rotation through the next generation', async () => {
    const { record } = memoWithWrites()
    await record(anInform('a', 0))
    await record(anInform('b', resolution - 1))
    await record(anInform('c', resolution)) // rotates: a and b are now the older generation
    expect(await record(anInform('b', resolution + 5))).toBeNull()
    await record(anInform('d', 2 * resolution)) // rotates again: a and b are dropped
    expect(await record(anInform('b', 2 * resolution - 2))).toBe('written')
    expect(await record(anInform('c', 2 * resolution - 1))).toBeNull()
  })

  it('stays within two generations of its cap however fast devices inform', async () => {
    const { memo, record } = memoWithWrites(100)
    for (let i = 0; i < 1_000; i++) await record(anInform(`d${i}`, 0))
    expect(memo.size).toBeLessThanOrEqual(200)
    expect(await record(anInform('d999', 1))).toBeNull()
    expect(await record(anInform('d0', 1))).toBe('written')
  })
})
