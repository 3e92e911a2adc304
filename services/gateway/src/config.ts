import { hostname } from 'node:os'
import { Type, type Static } from '@sinclair/typebox'
import { CommonEnv, ConfigError, loadConfig } from '@acs/config'

const Ms = (def: number, minimum: number, description: string) => Type.Integer({ minimum, default: def, description })
const Bool = (def: boolean, description: string) => Type.Boolean({ default: def, description })
const Secret = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 256, description }))

/** The gateway's environment: CommonEnv plus ACS_CWMP_*, ACS_CPE_*, ACS_CR_*, ACS_GATEWAY_*. */
export const GatewayEnv = Type.Object({
  ...CommonEnv,
  ACS_GATEWAY_ID: Type.String({
    minLength: 1,
    maxLength: 128,
    default: `${hostname()}-${process.pid}`,
    description: 'this replica\'s name in logs, traces and bus connection names (default hostname-pid)',
  }),
  ACS_GATEWAY_SECRET: Type.Optional(
    Type.String({
      minLength: 16,
      description: 'HMAC key signing Digest nonces; give every replica the same value (unset: a key shared through the bus KV)',
    }),
  ),
  ACS_CPE_USERNAME: Secret('fallback username every CPE without its own credentials must present'),
  ACS_CPE_PASSWORD: Secret('fallback password for ACS_CPE_USERNAME'),
  ACS_CWMP_AUTH: Type.Union([Type.Literal('digest'), Type.Literal('basic'), Type.Literal('both')], {
    default: 'digest',
    description: 'HTTP authentication offered to CPEs; Basic needs TLS unless ACS_CWMP_ALLOW_BASIC_OVER_HTTP',
  }),
  ACS_CWMP_ALLOW_BASIC_OVER_HTTP: Bool(false, 'accept Basic over plain HTTP (e.g. TLS terminated by a load balancer)'),
  ACS_CWMP_AUTH_REALM: Type.String({ minLength: 1, maxLength: 64, pattern: '^[^"\\\\]+$', default: 'acs', description: 'Digest/Basic realm' }),
  ACS_CWMP_NONCE_TTL_MS: Ms(300_000, 1_000, 'Digest nonce lifetime; an older nonce gets 401 stale=true'),
  ACS_CWMP_DIGEST_REPLAY_GUARD: Bool(true, 'refuse (401 stale=true) a Digest Authorization whose nonce and nonce count were used before; off only for CPEs that resend one'),
  ACS_CWMP_TLS_CERT_FILE: Type.Optional(Type.String({ minLength: 1, description: 'PEM certificate; with the key file the CWMP endpoint serves HTTPS' })),
  ACS_CWMP_TLS_KEY_FILE: Type.Optional(Type.String({ minLength: 1, description: 'PEM private key for ACS_CWMP_TLS_CERT_FILE' })),
  ACS_CWMP_MAX_BODY_BYTES: Type.Integer({ minimum: 1024, default: 4 * 1024 * 1024, description: 'largest request body (after decompression); larger gets 413' }),
  ACS_CWMP_REQUEST_TIMEOUT_MS: Ms(30_000, 1_000, 'time a client has to send a whole request (slow clients are cut off)'),
  ACS_CWMP_KEEPALIVE_TIMEOUT_MS: Ms(15_000, 100, 'idle time a kept-alive CPE connection stays open between POSTs'),
  ACS_CWMP_HOLD_REQUESTS: Bool(false, 'send cwmp:HoldRequests=true with every queued RPC (CPE requests wait until the queue is empty)'),
  ACS_CWMP_COOKIELESS_FALLBACK: Bool(true, 'remember TCP connection -> session (in memory) for CPEs that drop the session cookie; needs a layer-4 load balancer'),
  ACS_SESSION_TIMEOUT_MS: Ms(30_000, 1_000, 'a session with no POST for this long is dead and its device can be taken over; at least twice ACS_GATEWAY_HOOK_DEADLINE_MS'),
  ACS_GATEWAY_HOOK_DEADLINE_MS: Ms(2_000, 10, 'how long an Inform waits for in-session services (and an awaited RPC for its owner)'),
  ACS_GATEWAY_MAX_SESSIONS: Type.Integer({ minimum: 1, default: 2_000, description: 'concurrent sessions admitted by one replica; beyond it a new Inform gets 503' }),
  ACS_GATEWAY_LATENCY_TARGET_MS: Ms(
    5_000,
    0,
    'while more than 10% of requests take longer than this, fewer concurrent sessions are admitted (new ones get 503); 0 = always ACS_GATEWAY_MAX_SESSIONS',
  ),
  ACS_GATEWAY_LATE_HOOK_RECHECK_MS: Ms(
    20_000,
    0,
    'when an Inform\'s in-session services miss the hook deadline, look again this much later: RPCs queued since that Inform and no session get the device a connection request; 0 = off',
  ),
  ACS_GATEWAY_ALLOW_UNKNOWN_DEVICES: Bool(true, 'auto-register devices never seen and without provisioned credentials'),
  ACS_INFORM_RATE_PER_IP: Type.Number({ minimum: 0, default: 100, description: 'new sessions per second per source address (burst 2x); 0 = unlimited' }),
  ACS_CR_MIN_INTERVAL_MS: Ms(30_000, 0, 'at most one connection request per device in this interval'),
  ACS_CR_TIMEOUT_MS: Ms(5_000, 100, 'time limit of one connection-request HTTP exchange'),
  ACS_RPC_RETENTION_DAYS: Type.Integer({ minimum: 0, default: 30, description: 'finished RPCs (done, faulted, expired, cancelled) are deleted from the queue this many days after they ended; 0 keeps them' }),
})
/** The validated gateway configuration. */
export type GatewayConfig = Static<typeof GatewayEnv>

/** Reads and checks the gateway's variables; throws ConfigError naming every bad one. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  const config = loadConfig(GatewayEnv, env)
  const problems: string[] = []
  if (Boolean(config.ACS_CPE_USERNAME) !== Boolean(config.ACS_CPE_PASSWORD)) {
    problems.push('ACS_CPE_USERNAME and ACS_CPE_PASSWORD: set both or neither')
  }
  if (Boolean(config.ACS_CWMP_TLS_CERT_FILE) !== Boolean(config.ACS_CWMP_TLS_KEY_FILE)) {
    problems.push('ACS_CWMP_TLS_CERT_FILE and ACS_CWMP_TLS_KEY_FILE: set both (HTTPS) or neither (HTTP)')
  }
  if (config.ACS_CWMP_AUTH === 'basic' && !config.ACS_CWMP_TLS_CERT_FILE && !config.ACS_CWMP_ALLOW_BASIC_OVER_HTTP) {
    problems.push('ACS_CWMP_AUTH=basic sends passwords in clear over HTTP: configure TLS or set ACS_CWMP_ALLOW_BASIC_OVER_HTTP=true')
  }
  if (config.ACS_SESSION_TIMEOUT_MS < 2 * config.ACS_GATEWAY_HOOK_DEADLINE_MS) {
    // An Inform may wait the hook deadline; its session must outlive that wait with room to spare.
    problems.push('ACS_SESSION_TIMEOUT_MS must be at least twice ACS_GATEWAY_HOOK_DEADLINE_MS: raise the timeout or lower the deadline')
  }
  const target = config.ACS_GATEWAY_LATENCY_TARGET_MS
  if (target !== 0 && target < 2 * config.ACS_GATEWAY_HOOK_DEADLINE_MS) {
    // An Inform may wait the hook deadline for a dead service: that alone must never cut admission.
    problems.push('ACS_GATEWAY_LATENCY_TARGET_MS must be 0 (off) or at least twice ACS_GATEWAY_HOOK_DEADLINE_MS: raise the target or lower the deadline')
  }
  const recheck = config.ACS_GATEWAY_LATE_HOOK_RECHECK_MS
  if (recheck !== 0 && recheck <= config.ACS_GATEWAY_HOOK_DEADLINE_MS) {
    problems.push('ACS_GATEWAY_LATE_HOOK_RECHECK_MS must be 0 (off) or longer than ACS_GATEWAY_HOOK_DEADLINE_MS: the look comes after the deadline passed')
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return config
}

/** Whether the endpoint serves HTTPS. */
export function usesTls(config: GatewayConfig): boolean {
  return Boolean(config.ACS_CWMP_TLS_CERT_FILE && config.ACS_CWMP_TLS_KEY_FILE)
}
