import { afterEach, describe, expect, it } from 'vitest'
import { anyQueuedSince, LateHookFollowUp, type LateHookDeps } from '../../src/session/late-hook-follow-up.js'

const DELAY = 20
const PERIODIC = ['2 PERIODIC']

/** The follow-up over in-memory answers; records the connection requests and warnings. */
function setup(state: { queued: Set<string>; inSession: Set<string>; failPublish?: boolean; overloaded?: boolean }, maxWaiting?: number, clock?: () => number, wakesPerSecond?: number) {
  const requested: string[] = []
  const warnings: { fields: object; message: string }[] = []
  const since: number[] = []
  const deps: LateHookDeps = {
    queuedSince: async (d, sinceMs) => {
      since.push(sinceMs)
      return state.queued.has(d)
    },
    inSession: async (d) => state.inSession.has(d),
    overloaded: () => state.overloaded === true,
    requestConnection: async (d) => {
      if (state.failPublish) throw new Error('bus down')
      requested.push(d)
    },
    warn: (fields, message) => warnings.push({ fields, message }),
  }
  const follow = new LateHookFollowUp(DELAY, deps, maxWaiting, clock, wakesPerSecond)
  return { follow, requested, warnings, since }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, DELAY * 3))

describe('LateHookFollowUp', () => {
  let close: (() => void) | undefined
  afterEach(() => close?.())

  it('asks for a connection request once the delay passed, when RPCs were queued since the Inform and no session holds the device', async () => {
    const { follow, requested, since } = setup({ queued: new Set(['d1']), inSession: new Set() })
    close = () => follow.close()
    follow.missed('d1', 1_234, PERIODIC)
    expect(requested).toEqual([])
    await settle()
    expect(requested).toEqual(['d1'])
    expect(since).toEqual([1_234])
    expect(follow.size).toBe(0)
  })

  it('leaves a device alone with nothing new queued, or in a session that will take its RPCs', async () => {
    const { follow, requested } = setup({ queued: new Set(['busy']), inSession: new Set(['busy']) })
    close = () => follow.close()
    follow.missed('idle', 0, PERIODIC)
    follow.missed('busy', 0, PERIODIC)
    await settle()
    expect(requested).toEqual([])
  })

  it('does not follow up a session a connection request started, so a service that stays slow cannot make it wake the device again and again', async () => {
    const { follow, requested } = setup({ queued: new Set(['d1']), inSession: new Set() })
    close = () => follow.close()
    follow.missed('d1', 0, ['6 CONNECTION REQUEST'])
    expect(follow.size).toBe(0)
    await settle()
    expect(requested).toEqual([])
  })

  it('puts a look off while the replica sheds load, and wakes the device once it no longer does', async () => {
    const state = { queued: new Set(['d1']), inSession: new Set<string>(), overloaded: true }
    const { follow, requested } = setup(state)
    close = () => follow.close()
    follow.missed('d1', 0, PERIODIC)
    await settle()
    expect(requested).toEqual([])
    expect(follow.size).toBe(1)
    state.overloaded = false
    await settle()
    expect(requested).toEqual(['d1'])
    expect(follow.size).toBe(0)
  })

  it('wakes at most its rate of devices, and puts the others off to a later look', async () => {
    let now = 0
    const devices = ['a', 'b', 'c', 'd', 'e']
    const { follow, requested } = setup({ queued: new Set(devices), inSession: new Set() }, undefined, () => now, 1)
    close = () => follow.close()
    for (const d of devices) follow.missed(d, 0, PERIODIC)
    await settle()
    // Rate 1/s, burst 2: two woken, three waiting for their next look.
    expect(requested).toHaveLength(2)
    expect(follow.size).toBe(3)
    now += 1_000
    await settle()
    expect(requested).toHaveLength(3)
    now += 2_000
    await settle()
    expect(requested.sort()).toEqual(devices)
  })

  it('looks once per device however many Informs missed the deadline meanwhile', async () => {
    const { follow, requested } = setup({ queued: new Set(['d1']), inSession: new Set() })
    close = () => follow.close()
    follow.missed('d1', 0, PERIODIC)
    follow.missed('d1', 5, PERIODIC)
    expect(follow.size).toBe(1)
    await settle()
    expect(requested).toEqual(['d1'])
  })

  it('stays bounded: past the limit a missed hook is not followed up, and the warning comes at most once a delay with the count dropped', async () => {
    let now = 0
    const { follow, requested, warnings } = setup({ queued: new Set(['a', 'b', 'c']), inSession: new Set() }, 2, () => now)
    close = () => follow.close()
    follow.missed('a', 0, PERIODIC)
    follow.missed('b', 0, PERIODIC)
    for (const d of ['c', 'd', 'e']) follow.missed(d, 0, PERIODIC)
    expect(follow.size).toBe(2)
    expect(warnings.map((w) => w.fields)).toEqual([{ waiting: 2, dropped: 1 }])
    now += DELAY
    follow.missed('f', 0, PERIODIC)
    expect(warnings.map((w) => w.fields)).toEqual([{ waiting: 2, dropped: 1 }, { waiting: 2, dropped: 3 }])
    await settle()
    expect(requested.sort()).toEqual(['a', 'b'])
  })

  it('logs a failure to ask and carries on', async () => {
    const { follow, requested, warnings } = setup({ queued: new Set(['d1']), inSession: new Set(), failPublish: true })
    close = () => follow.close()
    follow.missed('d1', 0, PERIODIC)
    await settle()
    expect(requested).toEqual([])
    expect(warnings.map((w) => w.message)).toEqual(['could not follow up a late in-session service; its RPCs wait for the next Inform'])
  })

  it('cancels the looks to come on close, and takes no new one after', async () => {
    const { follow, requested } = setup({ queued: new Set(['d1', 'd2']), inSession: new Set() })
    follow.missed('d1', 0, PERIODIC)
    follow.close()
    follow.missed('d2', 0, PERIODIC)
    expect(follow.size).toBe(0)
    await settle()
    expect(requested).toEqual([])
  })
})

describe('anyQueuedSince', () => {
  const at = (ms: number) => new Date(ms)
  it('counts only RPCs queued since the Inform began and not expired', () => {
    expect(anyQueuedSince([{ createdAt: at(900) }], 1_000, 2_000)).toBe(false)
    expect(anyQueuedSince([{ createdAt: at(1_000) }], 1_000, 2_000)).toBe(true)
    expect(anyQueuedSince([{ createdAt: at(1_500), expiresAt: at(2_000) }], 1_000, 2_000)).toBe(false)
    expect(anyQueuedSince([{ createdAt: at(1_500), expiresAt: at(2_001) }], 1_000, 2_000)).toBe(true)
    expect(anyQueuedSince([{ createdAt: at(10) }, { createdAt: at(1_200) }], 1_000, 2_000)).toBe(true)
    expect(anyQueuedSince([], 1_000, 2_000)).toBe(false)
  })
})
