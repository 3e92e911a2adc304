import { describe, expect, it } from 'vitest'
import { LAST_INFORM_RESOLUTION_MS, type DeviceRecord } from '../src/index.js'
import { RecentInformWrites } from '../src/mongo/recent-inform-writes.js'
import { at } from './builders.js'

function anInform(deviceId: string, seconds: number, overrides: Partial<DeviceRecord> = {}): Omit<DeviceRecord, 'firstSeenAt'> {
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

describe('RecentInformWrites', () => {
  it('knows nothing of a device it never wrote', () => {
    expect(new RecentInformWrites().unchanged(anInform('a', 0))).toBe(false)
  })

  it('finds a repeat within the resolution unchanged, and one a resolution later changed', () => {
    const memo = new RecentInformWrites()
    memo.remember(anInform('a', 0))
    expect(memo.unchanged(anInform('a', resolution - 1))).toBe(true)
    expect(memo.unchanged(anInform('a', resolution))).toBe(false)
  })

  it('finds any other moved field changed, and an Inform older than the one written', () => {
    const memo = new RecentInformWrites()
    memo.remember(anInform('a', 10))
    expect(memo.unchanged(anInform('a', 11, { lastRemoteAddress: '127.0.0.2' }))).toBe(false)
    expect(memo.unchanged(anInform('a', 11, { connectionRequestUrl: 'http://127.0.0.1:7547/' }))).toBe(false)
    expect(memo.unchanged(anInform('a', 9))).toBe(false)
  })

  it('keeps a device written just before a rotation through the next generation', () => {
    const memo = new RecentInformWrites()
    memo.remember(anInform('a', 0))
    memo.remember(anInform('b', resolution - 1))
    memo.remember(anInform('c', resolution)) // rotates: a and b are now the older generation
    expect(memo.unchanged(anInform('b', resolution + 5))).toBe(true)
    memo.remember(anInform('d', 2 * resolution)) // rotates again: a and b are dropped
    expect(memo.unchanged(anInform('b', 2 * resolution - 2))).toBe(false)
    expect(memo.unchanged(anInform('c', 2 * resolution - 1))).toBe(true)
  })

  it('stays within two generations of its cap however fast devices inform', () => {
    const memo = new RecentInformWrites(100)
    for (let i = 0; i < 1_000; i++) memo.remember(anInform(`d${i}`, 0))
    expect(memo.size).toBeLessThanOrEqual(200)
    expect(memo.unchanged(anInform('d999', 1))).toBe(true)
    expect(memo.unchanged(anInform('d0', 1))).toBe(false)
  })
})
