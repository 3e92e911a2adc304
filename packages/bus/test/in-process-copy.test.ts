import { afterEach, describe, expect, it } from 'vitest'
import { createInProcessBus, type InProcessBus } from '@acs/bus'
import { informV1, type InformV1 } from '@acs/contracts'
import { fixtureFor } from '@acs/contracts/testing'
import { until } from './helpers.js'

describe('in-process bus payload copies', () => {
  let bus: InProcessBus | undefined
  afterEach(() => bus?.close())

  it('gives every consumer its own deep copy, so no one sees another one\'s mutation', async () => {
    bus = createInProcessBus()
    const sent = fixtureFor(informV1, {
      deviceId: 'd',
      parameters: [{ name: 'Device.DeviceInfo.SoftwareVersion', value: '1.0', type: 'xsd:string' }],
    })
    const snapshot = structuredClone(sent)
    const seenByB: InformV1[] = []
    const stopA = await bus.consume(informV1, { durable: 'a', concurrency: 1 }, async (d) => {
      d.payload.parameters[0]!.value = 'mutated by a'
      d.payload.events.push({ eventCode: 'X', commandKey: '' })
    })
    const stopB = await bus.consume(informV1, { durable: 'b', concurrency: 1 }, async (d) => void seenByB.push(d.payload))
    await bus.publish(informV1, informV1.subject('d'), sent)
    sent.parameters[0]!.value = 'mutated by the producer'
    await until(() => seenByB.length === 1)
    await stopA()
    await stopB()
    expect(seenByB[0]).toEqual(snapshot)
  })
})
