import type { KV } from '@nats-io/kv'
import { nuid } from '@nats-io/transport-node'
import { encodeKvKey } from '../kv-key.js'
import type { BusLogger } from '../logger.js'

/** How long a registration lives without a heartbeat (the KV bucket's TTL). */
export const REGISTRATION_TTL_MS = 15_000
const HEARTBEAT_MS = 5_000
const CACHE_MS = 1_000

/**
 * Who serves which request contract, across processes: each serve() writes
 * `<contract>.<queue>.<instance>` into a KV bucket and refreshes it every 5 s, so a process that
 * dies drops out within 15 s; a clean stop deletes its key at once.
 */
export class ResponderRegistry {
  private readonly mine = new Set<string>()
  private readonly cache = new Map<string, { at: number; count: number }>()
  private heartbeat: NodeJS.Timeout | undefined

  constructor(
    private readonly kv: KV,
    private readonly logger: BusLogger,
  ) {}

  /** Registers one serving instance of `queue` for a contract; returns its unregister function. */
  async register(contractName: string, queue: string): Promise<() => Promise<void>> {
    const key = `${encodeKvKey(contractName)}.${encodeKvKey(queue)}.${nuid.next()}`
    await this.kv.put(key, new TextEncoder().encode(queue))
    this.mine.add(key)
    this.cache.delete(contractName)
    this.heartbeat ??= setInterval(() => void this.refresh(), HEARTBEAT_MS).unref()
    return async () => {
      this.mine.delete(key)
      this.cache.delete(contractName)
      try {
        await this.kv.delete(key)
      } catch (err) {
        this.logger.warn({ key, err: String(err) }, 'bus: could not unregister a responder; it expires on its own')
      }
    }
  }

  /** Distinct queue groups registered for a contract, cached for a second. */
  async count(contractName: string): Promise<number> {
    const cached = this.cache.get(contractName)
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.count
    const queues = new Set<string>()
    for await (const key of await this.kv.keys(`${encodeKvKey(contractName)}.>`)) {
      const queue = key.split('.')[1]
      if (queue) queues.add(queue)
    }
    this.cache.set(contractName, { at: Date.now(), count: queues.size })
    return queues.size
  }

  /** Stops the heartbeat (registrations are removed by their unregister functions). */
  close(): void {
    clearInterval(this.heartbeat)
    this.heartbeat = undefined
  }

  private async refresh(): Promise<void> {
    for (const key of this.mine) {
      try {
        await this.kv.put(key, new TextEncoder().encode(key.split('.')[1] ?? ''))
      } catch (err) {
        this.logger.warn({ key, err: String(err) }, 'bus: responder heartbeat failed')
      }
    }
  }
}
