import type { EventContract } from '@acs/contracts'
import type { ConsumeOptions } from './bus.js'
import { filterWithin } from './subject-match.js'

/** ConsumeOptions with every default filled in. */
export interface ResolvedConsumeOptions {
  durable: string
  filter: string
  concurrency: number
  ackWaitMs: number
  maxDeliver: number
  newOnly: boolean
}

/** Applies the documented defaults and rejects options no server would accept. */
export function resolveConsumeOptions(contract: EventContract, options: ConsumeOptions): ResolvedConsumeOptions {
  if (!/^[A-Za-z0-9_-]+$/.test(options.durable)) {
    throw new Error(`invalid durable name ${JSON.stringify(options.durable)}: use [A-Za-z0-9_-]`)
  }
  const filter = options.filter ?? contract.filter()
  if (!filterWithin(filter, contract.filter())) {
    throw new Error(`filter ${filter} reaches beyond ${contract.name} (${contract.filter()})`)
  }
  const resolved = {
    durable: options.durable,
    filter,
    concurrency: options.concurrency ?? 32,
    ackWaitMs: options.ackWaitMs ?? 30_000,
    maxDeliver: options.maxDeliver ?? 10,
    newOnly: options.newOnly ?? false,
  }
  if (!(resolved.concurrency >= 1) || !(resolved.ackWaitMs >= 1) || !(resolved.maxDeliver >= 1)) {
    throw new Error('concurrency, ackWaitMs and maxDeliver must be at least 1')
  }
  return resolved
}
