import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { createInProcessBus, type Bus } from '@acs/bus'
import { openEmbeddedStore, type Store } from '@acs/store'
import type { IntegrationContext } from '@acs/testing'
import { createGateway, loadGatewayConfig, type Gateway } from '../../src/index.js'

/** Where a test's gateways keep their state: one bus world and one database. */
export interface Backend {
  kind: 'embedded' | 'nats-mongo'
  /** A bus connection for one participant; embedded: every participant shares the in-process bus. */
  openBus(name: string): Promise<Bus>
  /** A store connection; embedded: the shared LMDB store. */
  openStore(): Promise<Store>
  /** Closes every connection opened through it and removes the test's data. */
  close(): Promise<void>
}

/** Real NATS (a unique namespace) and MongoDB/FerretDB (a unique database), from @acs/testing. */
export function natsMongoBackend(open: () => Promise<IntegrationContext>): () => Promise<Backend> {
  return async () => {
    const ctx = await open()
    return {
      kind: 'nats-mongo',
      openBus: (name) => ctx.openBus(name),
      openStore: () => ctx.openStore(),
      close: () => ctx.close(),
    }
  }
}

/** In-process bus + LMDB in a temp dir: the embedded default. */
export async function embeddedBackend(): Promise<Backend> {
  const dir = await mkdtemp(join(tmpdir(), 'acs-gw-'))
  const bus = createInProcessBus()
  const store = await openEmbeddedStore({ dir })
  return {
    kind: 'embedded',
    openBus: async () => bus,
    openStore: async () => store,
    async close() {
      await bus.close()
      await store.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** A gateway listening on 127.0.0.1 with its own bus/store connections (closed with the backend). */
export interface RunningGateway {
  gateway: Gateway
  url: string
  bus: Bus
  store: Store
  close(): Promise<void>
}

const silent = pino({ level: 'silent' })

/** Starts a gateway on the backend; `env` overrides the gateway's variables. */
export async function startGateway(
  backend: Backend,
  env: Record<string, string> = {},
  options: {
    name?: string
    now?: () => Date
    path?: string
    wrapStore?: (store: Store) => Store
    admissionWindowMs?: number
    readiness?: { intervalMs?: number; unreachableAfterMs?: number }
  } = {},
): Promise<RunningGateway> {
  const name = options.name ?? 'gw'
  const config = loadGatewayConfig({
    ACS_GATEWAY_ID: name,
    ACS_INFORM_RATE_PER_IP: '0',
    ACS_CR_MIN_INTERVAL_MS: '0',
    ACS_GATEWAY_HOOK_DEADLINE_MS: '1000',
    ACS_GATEWAY_SECRET: 'test-secret-test-secret',
    ...env,
  })
  const [bus, opened] = await Promise.all([backend.openBus(name), backend.openStore()])
  const store = options.wrapStore ? options.wrapStore(opened) : opened
  const gateway = await createGateway({
    config,
    bus,
    store,
    logger: silent,
    ...(options.now ? { now: options.now } : {}),
    ...(options.admissionWindowMs ? { admissionWindowMs: options.admissionWindowMs } : {}),
    ...(options.readiness ? { readiness: options.readiness } : {}),
  })
  await gateway.start()
  const { port } = await gateway.listen({ host: '127.0.0.1', port: 0 })
  return {
    gateway,
    url: `${config.ACS_CWMP_TLS_CERT_FILE ? 'https' : 'http'}://127.0.0.1:${port}${options.path ?? '/acs'}`,
    bus,
    store,
    close: () => gateway.close(),
  }
}

/**
 * The store with `before()` run ahead of every Inform's device-registry write (a real store; the
 * test decides what happens first: a delay, as a MongoDB server slowed by a reconnect storm, or a
 * clock moved on).
 */
export function beforeInformWrites(store: Store, before: () => Promise<void> | void): Store {
  const devices = store.devices
  return {
    ...store,
    devices: new Proxy(devices, {
      get(target, key, receiver) {
        if (key !== 'recordInform') return Reflect.get(target, key, receiver) as unknown
        return async (...args: Parameters<typeof devices.recordInform>) => {
          await before()
          return target.recordInform(...args)
        }
      },
    }),
  }
}

/** The store with every Inform's device-registry write held back by `delayMs()` first. */
export function withSlowInformWrites(store: Store, delayMs: () => number): Store {
  return beforeInformWrites(store, async () => {
    const wait = delayMs()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
  })
}
