import { SpanKind } from '@opentelemetry/api'
import { jetstream, jetstreamManager } from '@nats-io/jetstream'
import { Kvm } from '@nats-io/kv'
import { connect } from '@nats-io/transport-node'
import { abortable } from '../abortable.js'
import type { Bus, Stopper } from '../bus.js'
import { encodePayload } from '../codec.js'
import { silentLogger, type BusLogger } from '../logger.js'
import { createBusMetrics } from '../metrics.js'
import { injectTraceHeaders, inSpan } from '../trace.js'
import { assertSendable } from '../validate.js'
import { toNatsHeaders } from './headers.js'
import { Namespace } from './namespace.js'
import { startNatsConsumer } from './nats-consumer.js'
import { openNatsKv } from './nats-kv.js'
import { JetStreamAssets } from './jetstream-assets.js'
import { natsGather, natsRequest, natsServe } from './nats-requests.js'
import { REGISTRATION_TTL_MS, ResponderRegistry } from './responder-registry.js'
import { ensureStreams } from './streams.js'

/** How long close() lets the connection drain before it closes it anyway. */
const DRAIN_TIMEOUT_MS = 5_000
/** How often the streams and KV buckets are checked for having been lost on the server. */
const ASSET_CHECK_INTERVAL_MS = 10_000

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))

/** The servers' host:port list for messages: never the credentials a URL may carry. */
function serverHosts(servers: readonly string[]): string {
  return servers
    .map((s) => {
      try {
        return new URL(s.includes('://') ? s : `nats://${s}`).host
      } catch {
        return '(unparsable server URL)'
      }
    })
    .join(', ')
}

/** Options of createNatsBus. */
export interface NatsBusOptions {
  /** NATS server URL(s), comma-separated (NATS_URL). */
  servers: string
  /** Connection name shown by the server (normally the service name). */
  name: string
  /**
   * Isolates a deployment or test on a shared server: `<ns>.` before every subject on the wire,
   * `<ns>_` before stream, consumer and bucket names. Default '' (none). Allowed: [A-Za-z0-9_-].
   */
  namespace?: string
  logger?: BusLogger
  /**
   * How often to check that the streams and KV buckets still exist, creating lost ones again
   * (default 10 s; also after every reconnect). Tests shorten it.
   */
  assetCheckIntervalMs?: number
}

/**
 * Connects to NATS and returns the Bus: JetStream for events (streams of the catalog are created or
 * updated at once), core request/reply for hooks, KV for session state and the responder registry.
 * Streams and buckets lost on the server while the bus runs are created again (JetStreamAssets).
 */
export async function createNatsBus(options: NatsBusOptions): Promise<Bus> {
  const ns = new Namespace(options.namespace ?? '')
  const logger = options.logger ?? silentLogger
  const servers = options.servers.split(',').map((s) => s.trim())
  const nc = await connect({
    servers,
    name: options.name,
    maxReconnectAttempts: -1,
    // Async traces capture a stack trace (an Error) on every request, including each JetStream
    // publish and KV operation: a measurable share of the gateway's CPU per session. Failures keep
    // their own message and the bus adds the subject.
    noAsyncTraces: true,
  }).catch((err: unknown) => {
    throw new Error(`cannot connect to NATS at ${serverHosts(servers)}: ${messageOf(err)}. Check that nats-server runs there and that NATS_URL names it.`, { cause: err })
  })
  try {
    const jsm = await jetstreamManager(nc).catch((err: unknown) => {
      throw new Error(
        `NATS at ${serverHosts(servers)} did not answer a JetStream request (${messageOf(err)}): check that nats-server runs with JetStream (-js, and -sd <dir> for its storage) and that this account may use it.`,
        { cause: err },
      )
    })
    const js = jetstream(nc)
    const kvm = new Kvm(js)
    await ensureStreams(jsm, ns)
    const checkEveryMs = options.assetCheckIntervalMs ?? ASSET_CHECK_INTERVAL_MS
    const assets = new JetStreamAssets(jsm, kvm, ns, logger, checkEveryMs)
    const registryKv = await assets.bucket(ns.name('acs_responders'), REGISTRATION_TTL_MS)
    const registry = new ResponderRegistry(registryKv, logger)
    const metrics = createBusMetrics()
    const stoppers = new Set<Stopper>()
    const consumerDeps = { js, jsm, ns, logger, metrics, assets }
    const requestDeps = { nc, ns, logger, registry }
    const track = (stop: Stopper): Stopper => {
      const tracked: Stopper = async () => {
        stoppers.delete(tracked)
        await stop()
      }
      stoppers.add(tracked)
      return tracked
    }
    let closing: Promise<void> | undefined
    // A server that restarted may have come back without its storage: check once reconnected, and
    // on a timer for deletions. The status iterator ends when the connection closes.
    void (async () => {
      for await (const status of nc.status()) {
        if (status.type === 'disconnect') assets.connection(false)
        else if (status.type === 'reconnect') assets.connection(true)
      }
    })()
    const assetTimer = setInterval(() => assets.tick(), checkEveryMs)
    assetTimer.unref()

    return {
      async publish(contract, subject, payload, publishOptions) {
        assertSendable(contract, subject, payload)
        const attributes = {
          'messaging.system': 'nats',
          'messaging.operation.type': 'send',
          'messaging.destination.name': subject,
          'messaging.destination.template': contract.template,
        }
        await inSpan(`publish ${contract.template}`, SpanKind.PRODUCER, attributes, undefined, async () => {
          try {
            await js.publish(ns.subject(subject), encodePayload(payload), {
              msgID: publishOptions?.idempotencyKey ?? contract.idempotencyKey(payload),
              headers: toNatsHeaders(injectTraceHeaders()),
            })
          } catch (err) {
            assets.suspect()
            throw new Error(`publish on ${subject} failed: ${messageOf(err)}`, { cause: err })
          }
        })
      },
      async consume(contract, consumeOptions, handler) {
        return track(await startNatsConsumer(consumerDeps, contract, consumeOptions, handler))
      },
      request: (contract, subject, payload, requestOptions) => natsRequest(requestDeps, contract, subject, payload, requestOptions),
      gather: (contract, subject, payload, gatherOptions) => natsGather(requestDeps, contract, subject, payload, gatherOptions),
      async serve(contract, serveOptions, handler) {
        return track(await natsServe(requestDeps, contract, serveOptions, handler))
      },
      servingGroups: (contract) => registry.count(contract.name),
      kv: (bucket, kvOptions) => openNatsKv(assets, jsm, js, ns.name(bucket), kvOptions.ttlMs),
      async ping(timeoutMs) {
        if (closing || nc.isClosed()) throw new Error('the NATS bus is closed')
        // A JetStream API request rather than a bare PING: sessions need JetStream and KV, which
        // can be unavailable while the server still answers PINGs. Disconnected, it fails at once.
        await abortable(jsm.getAccountInfo(), AbortSignal.timeout(timeoutMs)).catch((err: unknown) => {
          throw new Error(`NATS did not answer a JetStream request within ${timeoutMs} ms: ${messageOf(err)}`, { cause: err })
        })
        if (assets.problem) throw assets.problem
      },
      close() {
        return (closing ??= (async () => {
          clearInterval(assetTimer)
          assets.stop()
          await Promise.allSettled([...stoppers].map((stop) => stop()))
          registry.close()
          // Draining needs the server: disconnected it fails, stalled it never ends. Close then.
          if (!nc.isClosed()) await abortable(nc.drain(), AbortSignal.timeout(DRAIN_TIMEOUT_MS)).catch(() => nc.close())
        })())
      },
    }
  } catch (err) {
    await nc.close()
    throw err
  }
}
