import { randomBytes } from 'node:crypto'

const RANDOM_POOL_BYTES = 4096
let pool = randomBytes(RANDOM_POOL_BYTES)
let poolOffset = 0
let lastMs = 0
let counter = 0

function randomHex8(): string {
  if (poolOffset + 4 > RANDOM_POOL_BYTES) {
    pool = randomBytes(RANDOM_POOL_BYTES)
    poolOffset = 0
  }
  const value = pool.readUInt32BE(poolOffset)
  poolOffset += 4
  return value.toString(16).padStart(8, '0')
}

/**
 * A new RPC id: 12 hex digits of milliseconds, a 6-hex-digit counter and 8 random hex digits
 * (26 characters). Ids from one process sort in creation order even if the clock steps back;
 * ids from different processes sort by their clocks, and the random part keeps them unique.
 */
export function newRpcId(nowMs: number = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs
    counter = 0
  } else if (++counter > 0xffffff) {
    // 16M ids in one millisecond: borrow the next millisecond rather than wrap around.
    lastMs += 1
    counter = 0
  }
  return lastMs.toString(16).padStart(12, '0') + counter.toString(16).padStart(6, '0') + randomHex8()
}

/** A string that sorts after every id made before `ms` and before every id made from `ms` on. */
export function rpcIdFloor(ms: number): string {
  return Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0')
}

/** Whether a string has the shape of an id made by `newRpcId`. */
export function isRpcId(value: string): boolean {
  return /^[0-9a-f]{26}$/.test(value)
}
