const BASE_MS = 250
const CAP_MS = 30_000

/** Redelivery delay after the `deliveryCount`-th failed delivery: 250 ms doubling, capped at 30 s. */
export function backoffMs(deliveryCount: number): number {
  const n = Math.max(1, Math.floor(deliveryCount))
  return Math.min(CAP_MS, BASE_MS * 2 ** Math.min(n - 1, 20))
}
