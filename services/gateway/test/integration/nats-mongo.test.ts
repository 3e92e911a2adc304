import { integrationEnv } from '@acs/testing'
import { describe } from 'vitest'
import { natsMongoBackend } from '../support/backend.js'
import { admissionSuite } from './admission-suite.js'
import { connectionRequestSuite } from './connection-request-suite.js'
import { hooksSuite } from './hooks-suite.js'
import { protectionSuite } from './protection-suite.js'
import { replicasSuite } from './replicas-suite.js'
import { sessionSuite } from './session-suite.js'
import { tlsAndPolicySuite } from './tls-and-policy-suite.js'

// The distributed mode: real NATS (JetStream, KV) and MongoDB (FerretDB in CI), every suite in its
// own namespace and database. Skips with the reason outside CI when NATS_URL / MONGODB_URL are unset.
const env = integrationEnv()
describe.skipIf(env.skip)('gateway on NATS + MongoDB', () => {
  const backend = natsMongoBackend(() => env.open())
  sessionSuite(backend)
  protectionSuite(backend)
  admissionSuite(backend)
  hooksSuite(backend)
  replicasSuite(backend)
  connectionRequestSuite(backend)
  tlsAndPolicySuite(backend)
})
