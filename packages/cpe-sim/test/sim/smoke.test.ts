import { afterEach, describe, expect, it } from 'vitest'
import { Simulator } from '../../src/sim/simulator.js'
import { startFakeAcs, until, type FakeAcs } from '../support/fake-acs.js'

let acs: FakeAcs | undefined
let sim: Simulator | undefined
afterEach(async () => {
  await sim?.stop(100)
  await acs?.close()
})

describe('smoke', () => {
  it('bootstraps devices', async () => {
    acs = await startFakeAcs()
    sim = await Simulator.start({ url: acs.url, devices: 3, model: 'mixed' })
    await until(() => sim?.stats.sessionsOk === 3)
    console.log(JSON.stringify(acs.informs, null, 1).slice(0, 3000))
    expect(acs.informs).toHaveLength(3)
  })
})
