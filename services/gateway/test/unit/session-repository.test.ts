import { describe, expect, it } from 'vitest'
import { createInProcessBus } from '@acs/bus'
import { SessionRepository } from '../../src/repositories/session.repository.js'
import type { LiveSessionState, SessionData } from '../../src/session/session-types.js'
import { resettableBucket } from '../support/resettable-bucket.js'
import { aSession } from './builders.js'

const TIMEOUT = 30_000

/** A repository on an in-process bus whose clock the test moves. */
async function setup(sameAddressSupersedes = true) {
  let now = 1_000_000
  const bus = createInProcessBus({ now: () => now })
  const repo = await SessionRepository.open(bus, { sessionTimeoutMs: TIMEOUT, sameAddressSupersedes })
  return {
    repo,
    /** Another replica on the same KV. */
    peer: () => SessionRepository.open(bus, { sessionTimeoutMs: TIMEOUT, sameAddressSupersedes }),
    now: () => now,
    advance: (ms: number) => {
      now += ms
    },
  }
}

const session = (sessionId: string, remoteAddress = '192.0.2.10'): SessionData => aSession({ sessionId, remoteAddress, startedAt: 0 })
const live = (s: SessionData): LiveSessionState => ({ phase: 'cpe-requests', session: s })
const refOf = (s: SessionData) => ({ sessionId: s.sessionId, deviceId: s.deviceId })

/** Takes the device for `s`, storing its answered state, as an Inform does; returns the entry's revision. */
async function opened(repo: SessionRepository, s: SessionData, now: number): Promise<number> {
  const taken = await repo.acquire(live(s), now)
  if (!taken.acquired) throw new Error('device busy')
  return taken.revision
}

describe('SessionRepository: one KV entry per device, lock and session state together', () => {
  it('loads a session by the cookie reference, and nothing once it is removed', async () => {
    const { repo, now } = await setup()
    const a = session('a')
    const revision = await opened(repo, a, now())
    expect(await repo.load(refOf(a), now())).toEqual({ state: live(a), revision })
    await repo.remove(a, revision)
    expect(await repo.load(refOf(a), now())).toBeNull()
    expect((await repo.acquire(live(session('b')), now())).acquired).toBe(true)
  })

  it('does not load an older session of the same device', async () => {
    const { repo, now, advance } = await setup()
    const a = session('a')
    await opened(repo, a, now())
    advance(TIMEOUT)
    const b = session('b', '198.51.100.7')
    const revision = await opened(repo, b, now())
    expect(await repo.load(refOf(a), now())).toBeNull()
    expect(await repo.load(refOf(b), now())).toEqual({ state: live(b), revision })
  })

  it('refuses a second session from another address while the first is live', async () => {
    const { repo, now, advance } = await setup()
    await opened(repo, session('a'), now())
    advance(TIMEOUT - 1)
    expect(await repo.acquire(live(session('b', '198.51.100.7')), now())).toEqual({ acquired: false })
  })

  it('lets a re-sent Inform from the same address supersede the live session, returning its state', async () => {
    const { repo, now } = await setup()
    const a = session('a')
    await opened(repo, a, now())
    const b = session('b')
    const taken = await repo.acquire(live(b), now())
    expect(taken).toMatchObject({ acquired: true, replaced: { outcome: 'superseded', state: live(a) } })
    expect(await repo.load(refOf(a), now())).toBeNull()
  })

  it('does not supersede by address when the cookie-less fallback is off', async () => {
    const { repo, now } = await setup(false)
    await opened(repo, session('a'), now())
    expect(await repo.acquire(live(session('b')), now())).toEqual({ acquired: false })
  })

  it('takes over a session silent for the session timeout and announces it timed out, though the KV still holds it', async () => {
    const { repo, now, advance } = await setup()
    const a = session('a')
    await opened(repo, a, now())
    advance(TIMEOUT)
    expect(await repo.load(refOf(a), now())).toBeNull()
    const taken = await repo.acquire(live(session('b', '198.51.100.7')), now())
    expect(taken).toMatchObject({ acquired: true, replaced: { outcome: 'timed-out', state: live(a) } })
  })

  it('keeps a long session live and holding its device as long as its requests keep coming', async () => {
    const { repo, now, advance } = await setup()
    const a = session('a')
    let revision = await opened(repo, a, now())
    for (let i = 0; i < 6; i++) {
      advance(TIMEOUT * 0.75)
      const loaded = await repo.load(refOf(a), now())
      expect(loaded).not.toBeNull()
      revision = (await repo.save(loaded!.state, loaded!.revision, now())) ?? -1
      expect(revision).toBeGreaterThan(0)
      expect(await repo.acquire(live(session('b', '198.51.100.7')), now())).toEqual({ acquired: false })
    }
  })

  it('writes nothing over a newer revision with a stale save', async () => {
    const { repo, now } = await setup()
    const a = session('a')
    const first = await opened(repo, a, now())
    const second = await repo.save({ phase: 'draining', session: a }, first, now())
    expect(second).not.toBeNull()
    expect(await repo.save(live(a), first, now())).toBeNull()
    expect(await repo.load(refOf(a), now())).toEqual({ state: { phase: 'draining', session: a }, revision: second })
  })

  it('ends its own session even when a concurrent POST of it rewrote the entry, and never a session that took the device over', async () => {
    const { repo, now } = await setup()
    const a = session('a')
    const first = await opened(repo, a, now())
    expect(await repo.save({ phase: 'draining', session: a }, first, now())).not.toBeNull()
    expect(await repo.remove(a, first)).toBe(true)
    expect(await repo.load(refOf(a), now())).toBeNull()

    const c = session('c')
    const stale = await opened(repo, c, now())
    const d = session('d')
    expect((await repo.acquire(live(d), now())).acquired).toBe(true)
    expect(await repo.remove(c, stale)).toBe(false)
    expect(await repo.load(refOf(d), now())).not.toBeNull()
    expect(await repo.remove(session('e'), stale)).toBe(false)
  })

  it('loads the entry it wrote itself at that revision without decoding it, and decodes any other write', async () => {
    const { repo, peer, now } = await setup()
    const a = session('a')
    const state = live(a)
    const taken = await repo.acquire(state, now())
    if (!taken.acquired) throw new Error('device busy')
    // The very object written: no JSON parse, no schema check.
    expect((await repo.load(refOf(a), now()))?.state).toBe(state)
    const other = await peer()
    const loaded = await other.load(refOf(a), now())
    expect(loaded?.state).not.toBe(state)
    expect(loaded?.state).toEqual(state)
    // The other replica writes the next state: this one decodes it, at its new revision.
    const next: LiveSessionState = { phase: 'cpe-requests', session: { ...a, rpcsSent: 1 } }
    const saved = await other.save(next, taken.revision, now())
    expect(saved).not.toBeNull()
    expect(await repo.load(refOf(a), now())).toEqual({ state: next, revision: saved })
  })

  it('forgets the entries it wrote when the bucket was created again, whose revisions start over', async () => {
    let now = 1_000_000
    const lost = await resettableBucket(TIMEOUT * 4, () => now)
    const options = { sessionTimeoutMs: TIMEOUT, sameAddressSupersedes: true }
    const [repo, peer] = [await SessionRepository.open(lost.bus(), options), await SessionRepository.open(lost.bus(), options)]
    const a = session('a')
    const revision = await opened(repo, a, now)

    await lost.reset()
    // In the new bucket another replica's session of the device lands on the same revision number.
    const b = session('b')
    for (let filler = 1; filler < revision; filler++) await lost.current().put(`filler-${filler}`, new Uint8Array([1]))
    now += 1
    expect(await opened(peer, b, now)).toBe(revision)
    expect(await repo.load(refOf(a), now)).toBeNull()
    expect((await repo.load(refOf(b), now))?.state).toEqual(live(b))
  })
})
