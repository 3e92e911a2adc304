import type { Logger } from 'pino'
import type { Bus } from '@acs/bus'
import type { Store } from '@acs/store'
import type { CpeAuthenticator } from './auth/cpe-authenticator.js'
import type { DigestReplayGuard } from './auth/digest-replay-guard.js'
import type { GatewayConfig } from './config.js'
import type { ResultMarks } from './housekeeping/result-marks.js'
import type { Admission } from './limits/admission.js'
import type { RateLimiter } from './limits/token-bucket.js'
import type { SessionRepository } from './repositories/session.repository.js'
import type { GatewayInstruments } from './telemetry/instruments.js'
import type { HookGroups } from './session/hook-groups.js'
import type { LateHookFollowUp } from './session/late-hook-follow-up.js'

/** Everything the gateway's parts share, built once by createGateway and passed down. */
export interface GatewayContext {
  config: GatewayConfig
  bus: Bus
  store: Store
  logger: Logger
  now: () => Date
  sessions: SessionRepository
  authenticator: CpeAuthenticator
  /** Accepts each Digest (nonce, nc) once, across replicas; null when ACS_CWMP_DIGEST_REPLAY_GUARD is off. */
  digestUses: DigestReplayGuard | null
  /** Whether any CPE credentials exist at all (fallback configured); per-device ones are looked up. */
  fallbackCredentials: { username: string; password: string } | null
  admission: Admission
  /** New sessions per source address. */
  rateLimiter: RateLimiter
  hookGroups: HookGroups
  /** Follows up Informs whose in-session services missed the deadline; null when ACS_GATEWAY_LATE_HOOK_RECHECK_MS is 0. */
  lateHooks: LateHookFollowUp | null
  /** Batches "result published" marks to the store. */
  resultMarks: ResultMarks
  instruments: GatewayInstruments
}
