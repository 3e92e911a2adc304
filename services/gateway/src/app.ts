import { randomUUID } from 'node:crypto'
import type { ObservableResult } from '@opentelemetry/api'
import type { FastifyInstance } from 'fastify'
import { connectionRequestCommandV1, deviceToken } from '@acs/contracts'
import type { Logger } from 'pino'
import { pingDependencies, ReadinessMonitor } from '@acs/api-kit/health'
import type { Bus, Stopper } from '@acs/bus'
import type { Store } from '@acs/store'
import { CpeAuthenticator } from './auth/cpe-authenticator.js'
import { DigestReplayGuard } from './auth/digest-replay-guard.js'
import { NonceSigner } from './auth/digest.js'
import { resolveGatewaySecret } from './auth/gateway-secret.js'
import { usesTls, type GatewayConfig } from './config.js'
import { startConnectionRequestConsumer } from './consumers/connection-request.consumer.js'
import { startCredentialsConsumer } from './consumers/device-credentials.consumer.js'
import type { GatewayContext } from './gateway-context.js'
import { every } from './housekeeping/every.js'
import { FinishedRpcSweeper } from './housekeeping/finished-rpc-sweeper.js'
import { ResultMarks } from './housekeeping/result-marks.js'
import { RESULT_GRACE_MS, ResultRepublisher } from './housekeeping/result-republisher.js'
import { createCwmpServer, sessionCookie } from './http/cwmp-server.js'
import { AdaptiveSessionLimit } from './limits/adaptive-session-limit.js'
import { Admission } from './limits/admission.js'
import { RateLimiter } from './limits/token-bucket.js'
import { SessionRepository } from './repositories/session.repository.js'
import { HookGroups } from './session/hook-groups.js'
import { anyQueuedSince, LateHookFollowUp } from './session/late-hook-follow-up.js'
import { republishResult } from './session/rpc-results.js'
import { SessionRunner } from './session/session-runner.js'
import { createInstruments } from './telemetry/instruments.js'

/** What createGateway needs: connections are made by the caller and closed by it too. */
export interface GatewayDeps {
  config: GatewayConfig
  bus: Bus
  store: Store
  logger: Logger
  /** Clock for sessions, RPC times and nonces (tests inject one). */
  now?: () => Date
  /** How often the adaptive session limit is reconsidered (tests shorten it). */
  admissionWindowMs?: number
  /** How readiness watches the bus and the store (tests shorten it; defaults: ReadinessMonitor's). */
  readiness?: { intervalMs?: number; unreachableAfterMs?: number }
}

/** A running (or ready to run) CWMP gateway. */
export interface Gateway {
  /** The CWMP endpoint (Fastify). `inject()` works before listen(). */
  server: FastifyInstance
  /** Starts the gateway's consumers: device credentials and connection requests. */
  start(): Promise<void>
  /** Listens on ACS_HOST:ACS_CWMP_PORT (or the given overrides; port 0 = any free port). */
  listen(options?: { host?: string; port?: number }): Promise<{ port: number }>
  /**
   * Publishes again the results of RPCs that ended over a minute ago and were never marked
   * published (runs every minute on its own after start()); returns how many.
   */
  republishPendingResults(): Promise<number>
  /**
   * Whether this replica can serve sessions: started, not closing, and neither the bus nor the
   * store has gone unanswered for 10 s (ReadinessMonitor: slow is not down). GET /readyz on the
   * CWMP port answers with it.
   */
  ready(): Promise<boolean>
  /** Stops taking requests, finishes in-flight ones, stops consumers. Does not close bus or store. */
  close(): Promise<void>
}

const SWEEP_INTERVAL_MS = 5_000
const RPC_RETENTION_SWEEP_MS = 10 * 60_000
const ADMISSION_WINDOW_MS = 1_000
/** Queued RPCs of a device a late-hook look reads at most (a device has a handful). */
const LATE_HOOK_SCAN = 200
/** How long after the adaptive limit's last cut late-hook wakes still wait. */
const LATE_HOOK_CALM_MS = 60_000

/**
 * Builds the stateless CWMP gateway on a bus and a store (NATS + MongoDB, or the embedded
 * implementations): every piece of session state lives in the bus KV, so any number of these can
 * serve the same CPEs behind a plain load balancer.
 */
export async function createGateway(deps: GatewayDeps): Promise<Gateway> {
  const { config, bus, store } = deps
  // The caller names the component (standalone and main.ts pass a `component: 'gateway'` child).
  const logger = deps.logger.child({ gatewayId: config.ACS_GATEWAY_ID })
  const now = deps.now ?? (() => new Date())
  const tls = usesTls(config)

  const [secret, sessions, digestUses] = await Promise.all([
    resolveGatewaySecret(config.ACS_GATEWAY_SECRET, bus, logger),
    SessionRepository.open(bus, { sessionTimeoutMs: config.ACS_SESSION_TIMEOUT_MS, sameAddressSupersedes: config.ACS_CWMP_COOKIELESS_FALLBACK }),
    config.ACS_CWMP_DIGEST_REPLAY_GUARD ? DigestReplayGuard.open(bus, config.ACS_CWMP_NONCE_TTL_MS) : null,
  ])
  const authenticator = new CpeAuthenticator({
    realm: config.ACS_CWMP_AUTH_REALM,
    digest: config.ACS_CWMP_AUTH !== 'basic',
    basic: config.ACS_CWMP_AUTH !== 'digest' && (tls || config.ACS_CWMP_ALLOW_BASIC_OVER_HTTP),
    method: 'POST',
    nonces: new NonceSigner(secret, config.ACS_CWMP_NONCE_TTL_MS),
  })
  const fallbackCredentials =
    config.ACS_CPE_USERNAME && config.ACS_CPE_PASSWORD ? { username: config.ACS_CPE_USERNAME, password: config.ACS_CPE_PASSWORD } : null
  if (!fallbackCredentials) {
    logger.warn('ACS_CPE_USERNAME/ACS_CPE_PASSWORD are not set: CPEs without provisioned credentials are accepted WITHOUT authentication')
  }

  const admission = new Admission(
    config.ACS_GATEWAY_MAX_SESSIONS,
    config.ACS_SESSION_TIMEOUT_MS,
    config.ACS_GATEWAY_LATENCY_TARGET_MS > 0
      ? new AdaptiveSessionLimit({ max: config.ACS_GATEWAY_MAX_SESSIONS, targetMs: config.ACS_GATEWAY_LATENCY_TARGET_MS, windowMs: deps.admissionWindowMs ?? ADMISSION_WINDOW_MS })
      : null,
  )
  const ctx: GatewayContext = {
    config,
    bus,
    store,
    logger,
    now,
    sessions,
    authenticator,
    digestUses,
    fallbackCredentials,
    admission,
    rateLimiter: new RateLimiter(config.ACS_INFORM_RATE_PER_IP),
    hookGroups: new HookGroups(bus),
    lateHooks:
      config.ACS_GATEWAY_LATE_HOOK_RECHECK_MS > 0
        ? new LateHookFollowUp(config.ACS_GATEWAY_LATE_HOOK_RECHECK_MS, {
            queuedSince: async (deviceId, sinceMs) =>
              anyQueuedSince(await store.rpcQueue.listByDevice(deviceId, { statuses: ['queued'], limit: LATE_HOOK_SCAN }), sinceMs, now().getTime()),
            inSession: (deviceId) => sessions.inSession(deviceId, now().getTime()),
            // Until a storm is well over: a minute after the last cut as well as while the limit is cut.
            overloaded: () => admission.shedding(performance.now(), LATE_HOOK_CALM_MS),
            requestConnection: (deviceId, reason) =>
              bus.publish(connectionRequestCommandV1, connectionRequestCommandV1.subject(deviceToken(deviceId)), {
                commandId: randomUUID(),
                deviceId,
                requestedBy: 'gateway',
                requestedAt: now().toISOString(),
                reason,
              }),
            warn: (fields, message) => logger.warn(fields, message),
          })
        : null,
    resultMarks: new ResultMarks(store.rpcQueue, logger),
    instruments: createInstruments(),
  }
  ctx.instruments.admissionLimit.add(ctx.admission.limit)
  const runner = new SessionRunner(ctx, (id) => sessionCookie(id, tls))
  const observeInProgress = (result: ObservableResult) => result.observe(admission.inProgress)
  ctx.instruments.requestsInProgress.addCallback(observeInProgress)
  const readiness = new ReadinessMonitor({ dependencies: pingDependencies({ bus, store }), logger, ...deps.readiness })
  // The monitor is not ready before start() starts it nor after close() stops it.
  const ready = async (): Promise<boolean> => readiness.ready()
  const server = await createCwmpServer({ config, logger, runner, health: { ready } })

  const stopHousekeeping: (() => void)[] = [
    every(
      SWEEP_INTERVAL_MS,
      async () => {
        const t = now().getTime()
        // Quiet here is not necessarily dead (it may have continued on another replica): only the
        // gauge is adjusted; the session's outcome is counted where it ends or is taken over.
        const quiet = ctx.admission.sweep(t)
        if (quiet > 0) ctx.instruments.sessionsActive.add(-quiet)
        ctx.rateLimiter.sweep(t)
      },
      (err) => logger.warn({ err }, 'could not sweep admission and rate-limit entries; retrying later'),
    ),
  ]
  const finishedRpcs = new FinishedRpcSweeper(store.rpcQueue, config.ACS_RPC_RETENTION_DAYS, logger)
  const republisher = new ResultRepublisher(store.rpcQueue, (rpc) => republishResult(ctx, rpc), logger)

  const stoppers: Stopper[] = []
  let closed = false
  return {
    server,
    async start() {
      stoppers.push(await startCredentialsConsumer(ctx))
      stoppers.push(await startConnectionRequestConsumer(ctx))
      stopHousekeeping.push(
        every(RESULT_GRACE_MS, () => republisher.sweep(now()), (err) => logger.warn({ err }, 'could not publish pending RPC results again; retrying later')),
      )
      stopHousekeeping.push(
        every(RPC_RETENTION_SWEEP_MS, () => finishedRpcs.sweep(now()), (err) => logger.warn({ err }, 'could not delete finished RPCs past their retention; retrying later'), {
          immediately: true,
        }),
      )
      readiness.start()
    },
    async listen(options) {
      await server.listen({ host: options?.host ?? config.ACS_HOST, port: options?.port ?? config.ACS_CWMP_PORT })
      const address = server.server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      logger.info({ port, tls }, 'CWMP endpoint listening')
      return { port }
    },
    ready,
    republishPendingResults() {
      return republisher.sweep(now())
    },
    async close() {
      if (closed) return
      closed = true
      readiness.stop()
      ctx.instruments.requestsInProgress.removeCallback(observeInProgress)
      for (const stop of stopHousekeeping) stop()
      await server.close()
      ctx.lateHooks?.close()
      await ctx.resultMarks.close()
      for (const stop of stoppers.reverse()) await stop()
    },
  }
}
