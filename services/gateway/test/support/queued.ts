import type { CpeRequest } from '@acs/cwmp'

/** A typed CPE request as the queue's open `{ method }` body (the codec type checks the fields). */
export function queued(request: CpeRequest): { method: string } {
  return request
}
