import { afterAll, describe, expect, it } from 'vitest'
import { createInProcessBus } from '@acs/bus'
import { deviceRegisteredV1 } from '@acs/contracts'
import { captureEvents, expectValid, fixtureFor } from '@acs/contracts/testing'

describe('captureEvents (from @acs/contracts/testing) on the in-process bus', () => {
  const bus = createInProcessBus()
  afterAll(() => bus.close())

  it('collects what is published after it started, in order, with subjects', async () => {
    await bus.publish(deviceRegisteredV1, deviceRegisteredV1.subject('old'), fixtureFor(deviceRegisteredV1, { deviceId: 'old' }))
    const capture = await captureEvents(bus, deviceRegisteredV1)
    const sent = [fixtureFor(deviceRegisteredV1, { deviceId: 'a' }), fixtureFor(deviceRegisteredV1, { deviceId: 'b' })]
    for (const p of sent) await bus.publish(deviceRegisteredV1, deviceRegisteredV1.subject(p.deviceId), p)
    const events = await capture.waitFor(2)
    await capture.stop()
    expect(events.map((e) => expectValid(deviceRegisteredV1, e).deviceId)).toEqual(['a', 'b'])
    expect(capture.subjects).toEqual(['device.v1.registered.a', 'device.v1.registered.b'])
  })

  it('captures only the subjects of its filter', async () => {
    const capture = await captureEvents(bus, deviceRegisteredV1, deviceRegisteredV1.filter('wanted'))
    await bus.publish(deviceRegisteredV1, deviceRegisteredV1.subject('other'), fixtureFor(deviceRegisteredV1, { deviceId: 'other' }))
    await bus.publish(deviceRegisteredV1, deviceRegisteredV1.subject('wanted'), fixtureFor(deviceRegisteredV1, { deviceId: 'wanted' }))
    const [event] = await capture.waitFor(1)
    await capture.stop()
    expect(event?.deviceId).toBe('wanted')
    expect(capture.events).toHaveLength(1)
  })

  it('rejects waitFor when too few events arrive before its deadline', async () => {
    const capture = await captureEvents(bus, deviceRegisteredV1, deviceRegisteredV1.filter('silent'))
    await expect(capture.waitFor(1, { timeoutMs: 50 })).rejects.toThrow(/expected 1 device\.v1\.registered events within 50 ms, got 0/)
    await capture.stop()
  })
})
