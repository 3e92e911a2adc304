import { describe, expect, it } from 'vitest'
import { EventQueue } from '../../src/device/event-queue.js'

describe('EventQueue', () => {
  it('keeps every event across a failed session except CONNECTION REQUEST', () => {
    const q = new EventQueue()
    q.add('1 BOOT')
    q.add('M Reboot', 'rb-1')
    q.add('6 CONNECTION REQUEST')
    q.sessionFailed()
    expect(q.pending().map((e) => e.eventCode)).toEqual(['1 BOOT', 'M Reboot'])
  })

  it('clears the events an acknowledged Inform carried', () => {
    const q = new EventQueue()
    q.add('0 BOOTSTRAP')
    q.add('1 BOOT')
    q.delivered(q.pending())
    expect(q.size).toBe(0)
  })

  it('keeps events queued after the Inform was built', () => {
    const q = new EventQueue()
    q.add('2 PERIODIC')
    const sent = q.pending()
    q.add('8 DIAGNOSTICS COMPLETE')
    q.delivered(sent)
    expect(q.pending()).toEqual([{ eventCode: '8 DIAGNOSTICS COMPLETE', commandKey: '' }])
  })

  it('merges single events and keeps one M event per CommandKey', () => {
    const q = new EventQueue()
    q.add('2 PERIODIC')
    q.add('2 PERIODIC')
    q.add('M ScheduleInform', 'a')
    q.add('M ScheduleInform', 'b')
    q.add('M ScheduleInform', 'a')
    expect(q.pending().map((e) => `${e.eventCode}/${e.commandKey}`)).toEqual(['2 PERIODIC/', 'M ScheduleInform/a', 'M ScheduleInform/b'])
  })

  it('forgets scheduled and diagnostics events on reboot but keeps BOOT and M Reboot', () => {
    const q = new EventQueue()
    q.add('3 SCHEDULED')
    q.add('M ScheduleInform', 'k')
    q.add('8 DIAGNOSTICS COMPLETE')
    q.add('M Reboot', 'r')
    q.rebooted()
    expect(q.pending().map((e) => e.eventCode)).toEqual(['M Reboot'])
  })
})
