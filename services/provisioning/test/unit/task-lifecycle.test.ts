import { describe, expect, it } from 'vitest'
import { applyOutcome, cancelTask, claimRetry, expireWaiting, markQueued, newTask, taskRetryDelaySeconds } from '../../src/tasks/task-lifecycle.js'

const T0 = new Date('2024-01-01T00:00:00Z')
const later = (s: number) => new Date(T0.getTime() + s * 1000)
const fault = { faultCode: 9002, faultString: 'Internal error' }

function queuedTask(over: Partial<Parameters<typeof newTask>[0]> = {}) {
  return markQueued(newTask({ id: 't1', deviceId: 'd', request: { method: 'Reboot', commandKey: '' }, maxAttempts: 3, backoffSeconds: 60, connectionRequest: false, createdBy: 'op', ...over }, T0), 'r1', T0)!
}

describe('task lifecycle', () => {
  it('records the response when the RPC is done', () => {
    const done = applyOutcome(queuedTask(), { rpcId: 'r1', outcome: 'done', response: { method: 'RebootResponse' } }, later(1))
    expect(done).toMatchObject({ status: 'done', response: { method: 'RebootResponse' }, finishedAt: later(1) })
  })

  it('schedules a retry after the backoff, never at once', () => {
    const faulted = applyOutcome(queuedTask(), { rpcId: 'r1', outcome: 'faulted', fault }, later(1))!
    expect(faulted).toMatchObject({ status: 'faulted', fault, nextAttemptAt: later(61) })
    expect(faulted.finishedAt).toBeUndefined()
    expect(claimRetry(faulted, later(30))).toBeNull()
    expect(claimRetry(faulted, later(61))).toMatchObject({ status: 'queued', attempts: 2 })
  })

  it('finishes as faulted once the attempts are used up', () => {
    const faulted = applyOutcome(queuedTask({ maxAttempts: 1 }), { rpcId: 'r1', outcome: 'faulted', fault }, later(1))!
    expect(faulted.finishedAt).toEqual(later(1))
    expect(faulted.nextAttemptAt).toBeUndefined()
  })

  it('ignores a result of an earlier attempt', () => {
    expect(applyOutcome(queuedTask(), { rpcId: 'other', outcome: 'done' }, later(1))).toBeNull()
  })

  it('expires a task waiting for a retry past its expiry', () => {
    const faulted = applyOutcome(queuedTask({ expiresAt: later(1000) }), { rpcId: 'r1', outcome: 'faulted', fault }, later(1))!
    expect(expireWaiting(faulted, later(2000))).toMatchObject({ status: 'expired' })
  })

  it('does not schedule a retry that would come after the expiry', () => {
    const faulted = applyOutcome(queuedTask({ expiresAt: later(30) }), { rpcId: 'r1', outcome: 'faulted', fault }, later(1))!
    expect(faulted.finishedAt).toEqual(later(1))
  })

  it('cancels an unfinished task and leaves a finished one alone', () => {
    expect(cancelTask(queuedTask(), later(1))).toMatchObject({ status: 'cancelled' })
    const done = applyOutcome(queuedTask(), { rpcId: 'r1', outcome: 'done' }, later(1))!
    expect(cancelTask(done, later(2))).toBeNull()
  })

  it('doubles the retry delay and caps it at a day', () => {
    expect([1, 2, 3, 30].map((n) => taskRetryDelaySeconds(60, n))).toEqual([60, 120, 240, 86400])
  })
})
