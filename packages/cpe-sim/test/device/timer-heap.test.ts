import { describe, expect, it } from 'vitest'
import { TimerHeap } from '../../src/sim/timer-heap.js'

describe('TimerHeap', () => {
  it('runs due tasks in time order, ties in insertion order', () => {
    const heap = new TimerHeap(() => 0)
    const ran: string[] = []
    heap.schedule(30, () => ran.push('c'))
    heap.schedule(10, () => ran.push('a'))
    heap.schedule(10, () => ran.push('b'))
    heap.schedule(99, () => ran.push('late'))
    heap.runDue(50)
    heap.stop()
    expect(ran).toEqual(['a', 'b', 'c'])
  })

  it('skips cancelled tasks', () => {
    const heap = new TimerHeap(() => 0)
    const ran: number[] = []
    heap.schedule(5, () => ran.push(1)).cancel()
    heap.schedule(6, () => ran.push(2))
    heap.runDue(10)
    heap.stop()
    expect(ran).toEqual([2])
  })

  it('fires on its own timer', async () => {
    const heap = new TimerHeap()
    const fired = await new Promise<boolean>((resolve) => heap.schedule(Date.now() + 5, () => resolve(true)))
    heap.stop()
    expect(fired).toBe(true)
  })
})
