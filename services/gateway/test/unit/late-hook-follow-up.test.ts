import { afterEach, describe, expect, it } from 'vitest'
import { LateHookFollowUp, type LateHookDeps } from '../../src/session/late-hook-follow-up.js'

const DELAY = 20

/** The follow-up over in-memory answers; records the connection requests and warnings. */
function setup(state: { pending: Set<string>; inSession: Set<string>; failPublish?: boolean }, maxWaiting?: number) {
  const requested: string[] = []
  const warnings: string[] = []
  const deps: LateHookDeps = {
    hasPending: async (d) => state.pending.has(d),
    inSession: async (d) => state.inSession.has(d),
    requestConnection: async (d) => {
      if (state.failPublish) throw new Error('bus down')
      requested.push(d)
    },
    warn: (_fields, message) => warnings.push(message),
  }
  const follow = new LateHookFollowUp(DELAY, deps, maxWaiting)
  return { follow, requested, warnings }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, DELAY * 3))

describe('LateHookFollowUp', () => {
  let close: (() => void) | undefined
  afterEach(() => close?.())

  it('asks for a connection request once the delay passed, when the device has RPCs waiting and no session', async () => {
    const { follow, requested } = setup({ pending: new Set(['d1']), inSession: new Set() })
    close = () => follow.close()
    follow.missed('d1')
    expect(requested).toEqual([])
    await settle()
    expect(requested).toEqual(['d1'])
    expect(follow.size).toBe(0)
  })

  it('leaves a device alone with nothing waiting, or in a session that will take its RPCs', async () => {
    const { follow, requested } = setup({ pending: new Set(['busy']), inSession: new Set(['busy']) })
    close = () => follow.close()
    follow.missed('idle')
    follow.missed('busy')
    await settle()
    expect(requested).toEqual([])
  })

  it('looks once per device however many Informs missed the deadline meanwhile', async () => {
    const { follow, requested } = setup({ pending: new Set(['d1']), inSession: new Set() })
    close = () => follow.close()
    follow.missed('d1')
    follow.missed('d1')
    expect(follow.size).toBe(1)
    await settle()
    expect(requested).toEqual(['d1'])
  })

  it('stays bounded: past the limit a missed hook is not followed up, and says so once', async () => {
    const { follow, requested, warnings } = setup({ pending: new Set(['a', 'b', 'c']), inSession: new Set() }, 2)
    close = () => follow.close()
    follow.missed('a')
    follow.missed('b')
    follow.missed('c')
    follow.missed('d')
    expect(follow.size).toBe(2)
    expect(warnings).toHaveLength(1)
    await settle()
    expect(requested.sort()).toEqual(['a', 'b'])
  })

  it('logs a failure to ask and carries on', async () => {
    const { follow, requested, warnings } = setup({ pending: new Set(['d1']), inSession: new Set(), failPublish: true })
    close = () => follow.close()
    follow.missed('d1')
    await settle()
    expect(requested).toEqual([])
    expect(warnings).toEqual(['could not follow up a late in-session service; its RPCs wait for the next Inform'])
  })

  it('cancels the looks to come on close', async () => {
    const { follow, requested } = setup({ pending: new Set(['d1']), inSession: new Set() })
    follow.missed('d1')
    follow.close()
    await settle()
    expect(requested).toEqual([])
  })
})
