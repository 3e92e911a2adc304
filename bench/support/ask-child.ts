import type { ChildProcess } from 'node:child_process'

/**
 * Sends `msg` (if any) to a benchmark's child process and waits for its first message of `type`.
 * A message `{ type: 'error', message }` or the child's exit rejects; the listeners are removed
 * either way.
 */
export function askChild<M extends { type: string }, T extends M['type']>(child: ChildProcess, msg: object | undefined, type: T): Promise<Extract<M, { type: T }>> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      child.off('message', onMsg)
      child.off('exit', onExit)
    }
    const onMsg = (m: M | { type: 'error'; message: string }): void => {
      if (m.type === 'error' && 'message' in m) {
        done()
        reject(new Error(m.message))
      } else if (m.type === type) {
        done()
        resolve(m as Extract<M, { type: T }>)
      }
    }
    const onExit = (code: number | null): void => {
      done()
      reject(new Error(`child exited with ${code}`))
    }
    child.on('message', onMsg)
    child.on('exit', onExit)
    if (msg) child.send(msg)
  })
}
