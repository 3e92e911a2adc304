import { describe, expect, it } from 'vitest'
import { uniqueToken, until } from '../helpers.js'
import type { SuiteContext } from './context.js'

/** KV buckets: compare-and-set, delete with revision, TTL. */
export function kvTests(s: SuiteContext): void {
  describe('kv', () => {
    const bytes = (s: string) => new TextEncoder().encode(s)
    const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined)

    it('lets exactly one of two concurrent creates of a key win', async () => {
      const kv = await s.bus.kv('suite_locks', { ttlMs: 60_000 })
      const key = uniqueToken('lock')
      const results = await Promise.all([kv.create(key, bytes('a')), kv.create(key, bytes('b'))])
      expect(results.filter((r) => r !== null)).toHaveLength(1)
      const winner = results[0] !== null ? 'a' : 'b'
      expect(text((await kv.get(key))?.value)).toBe(winner)
    })

    it('refuses an update with a stale revision', async () => {
      const kv = await s.bus.kv('suite_state', { ttlMs: 60_000 })
      const key = uniqueToken('k')
      const first = await kv.put(key, bytes('1'))
      const second = await kv.update(key, bytes('2'), first)
      expect(second).not.toBeNull()
      expect(await kv.update(key, bytes('3'), first)).toBeNull()
      expect(await kv.get(key)).toEqual({ value: bytes('2'), revision: second })
    })

    it('deletes only while the revision still matches', async () => {
      const kv = await s.bus.kv('suite_state', { ttlMs: 60_000 })
      const key = uniqueToken('k')
      const first = await kv.put(key, bytes('1'))
      const second = await kv.put(key, bytes('2'))
      expect(await kv.delete(key, first)).toBe(false)
      expect(await kv.get(key)).not.toBeNull()
      expect(await kv.delete(key, second)).toBe(true)
      expect(await kv.get(key)).toBeNull()
    })

    it('allows a create again after the key was deleted', async () => {
      const kv = await s.bus.kv('suite_state', { ttlMs: 60_000 })
      const key = uniqueToken('k')
      await kv.put(key, bytes('1'))
      await kv.delete(key)
      expect(await kv.create(key, bytes('2'))).not.toBeNull()
      expect(text((await kv.get(key))?.value)).toBe('2')
    })

    it('creates a key again after deleting it at its revision, once', async () => {
      const kv = await s.bus.kv('suite_state', { ttlMs: 60_000 })
      const key = uniqueToken('k')
      const first = await kv.create(key, bytes('1'))
      expect(first).not.toBeNull()
      expect(await kv.delete(key, first as number)).toBe(true)
      const again = await kv.create(key, bytes('2'))
      expect(again).not.toBeNull()
      expect(await kv.get(key)).toEqual({ value: bytes('2'), revision: again })
      expect(await kv.create(key, bytes('3'))).toBeNull()
    })

    it('never creates over a key another process wrote after this one deleted it', async () => {
      const kv = await s.bus.kv('suite_state', { ttlMs: 60_000 })
      const peerKv = await (await s.harness.peer()).kv('suite_state', { ttlMs: 60_000 })
      const key = uniqueToken('k')
      await kv.delete(key, (await kv.put(key, bytes('1'))) as number)
      expect(await peerKv.create(key, bytes('peer'))).not.toBeNull()
      expect(await kv.create(key, bytes('mine'))).toBeNull()
      expect(text((await kv.get(key))?.value)).toBe('peer')
      // The peer deletes it in turn: this process creates it over the peer's marker.
      await peerKv.delete(key)
      expect(await kv.create(key, bytes('mine'))).not.toBeNull()
      expect(text((await peerKv.get(key))?.value)).toBe('mine')
    })

    it('lets exactly one of two concurrent creates win after a delete', async () => {
      const kv = await s.bus.kv('suite_locks', { ttlMs: 60_000 })
      const key = uniqueToken('lock')
      await kv.delete(key, (await kv.create(key, bytes('0'))) as number)
      const results = await Promise.all([kv.create(key, bytes('a')), kv.create(key, bytes('b'))])
      expect(results.filter((r) => r !== null)).toHaveLength(1)
      expect(text((await kv.get(key))?.value)).toBe(results[0] !== null ? 'a' : 'b')
    })

    it('accepts any non-empty string as a key', async () => {
      const kv = await s.bus.kv('suite_state', { ttlMs: 60_000 })
      const key = `00D09E-Home Gateway-SN.1/é*>~=${uniqueToken()}`
      await kv.put(key, bytes('v'))
      expect(text((await kv.get(key))?.value)).toBe('v')
      expect(await kv.get(`${key}x`)).toBeNull()
    })

    it('expires an entry ttl after its last write', { timeout: 20_000 }, async () => {
      const kv = await s.bus.kv('suite_ttl', { ttlMs: s.harness.kvTtlMs })
      const key = uniqueToken('session')
      await kv.put(key, bytes('v'))
      s.harness.passTime(s.harness.kvTtlMs + 1)
      await until(async () => (await kv.get(key)) === null, 15_000)
      expect(await kv.create(key, bytes('again'))).not.toBeNull()
    })
  })
}
