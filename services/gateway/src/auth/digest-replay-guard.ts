import type { Bus, KvBucket } from '@acs/bus'

/**
 * Refuses a Digest Authorization seen before (RFC 7616 §5.3: a replayed request must not be
 * accepted). Nonces are stateless, so the uses are what is shared: every accepted (nonce, nc)
 * pair is created in a KV bucket whose entries live as long as a nonce, and a second create of the
 * same pair fails, on whichever replica it arrives. One KV write per authenticated Inform.
 */
export class DigestReplayGuard {
  static async open(bus: Bus, nonceTtlMs: number): Promise<DigestReplayGuard> {
    return new DigestReplayGuard(await bus.kv('cwmp_digest_uses', { ttlMs: nonceTtlMs }))
  }

  private constructor(private readonly uses: KvBucket) {}

  /** Records the use `key` (from AuthOutcome.replayKey); false if it was already used. */
  async firstUse(key: string): Promise<boolean> {
    return (await this.uses.create(key, USED)) !== null
  }
}

const USED = new Uint8Array([1])
