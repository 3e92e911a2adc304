import { openIntegrationContext, type IntegrationContext } from './integration-context.js'

/** A server an integration test file needs. */
export type IntegrationServer = 'nats' | 'mongo'

/** Which servers are needed, and where to read their URLs (default: process.env). */
export interface IntegrationEnvOptions {
  needs?: IntegrationServer[]
  env?: NodeJS.ProcessEnv
}

/** What a test file learns about its servers before it starts. */
export interface IntegrationEnv {
  /** True (outside CI only) when a needed server URL is missing; `reason` says which. */
  skip: boolean
  reason?: string
  natsUrl?: string
  mongoUrl?: string
  /** A fresh, isolated context on the servers: unique bus namespace and database. */
  open(): Promise<IntegrationContext>
}

const VARIABLES: Record<IntegrationServer, string> = { nats: 'NATS_URL', mongo: 'MONGODB_URL' }
const HOW_TO_START =
  'run the tests through `bash .ci/run` (it starts nats-server and FerretDB on free loopback ports), ' +
  'or start them yourself and export NATS_URL=nats://127.0.0.1:4222 and MONGODB_URL=mongodb://127.0.0.1:27017/'

const printed = new Set<string>()

/** Thrown in CI when a server an integration test needs is not configured. */
export class MissingServerError extends Error {
  readonly code = 'ACS_ERR_TEST_MISSING_SERVER'
  constructor(message: string) {
    super(message)
    this.name = 'MissingServerError'
  }
}

/**
 * Reads NATS_URL and MONGODB_URL for an integration test file. Outside CI a missing URL skips the
 * file and says why (printed once per process); in CI (`CI` set) it throws, so a misconfigured
 * pipeline fails instead of passing on skipped tests.
 */
export function integrationEnv(options: IntegrationEnvOptions = {}): IntegrationEnv {
  const env = options.env ?? process.env
  const needs = options.needs ?? ['nats', 'mongo']
  const natsUrl = env.NATS_URL || undefined
  const mongoUrl = env.MONGODB_URL || undefined
  const missing = needs.filter((server) => (server === 'nats' ? !natsUrl : !mongoUrl)).map((server) => VARIABLES[server])

  if (missing.length === 0) {
    return { skip: false, natsUrl, mongoUrl, open: () => openIntegrationContext({ natsUrl, mongoUrl }) }
  }
  const what = `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set`
  if (env.CI) throw new MissingServerError(`${what} but CI is: ${HOW_TO_START}`)
  const reason = `${what}: skipping integration tests; ${HOW_TO_START}`
  if (!printed.has(reason)) {
    printed.add(reason)
    console.warn(reason)
  }
  return {
    skip: true,
    reason,
    natsUrl,
    mongoUrl,
    open: () => Promise.reject(new MissingServerError(reason)),
  }
}
