import { embeddedBackend } from '../support/backend.js'
import { admissionSuite } from './admission-suite.js'
import { connectionRequestSuite } from './connection-request-suite.js'
import { hooksSuite } from './hooks-suite.js'
import { protectionSuite } from './protection-suite.js'
import { replicasSuite } from './replicas-suite.js'
import { sessionSuite } from './session-suite.js'
import { tlsAndPolicySuite } from './tls-and-policy-suite.js'

// The embedded default: in-process bus + LMDB. Always runs.
sessionSuite(embeddedBackend)
protectionSuite(embeddedBackend)
admissionSuite(embeddedBackend)
hooksSuite(embeddedBackend)
replicasSuite(embeddedBackend)
connectionRequestSuite(embeddedBackend)
tlsAndPolicySuite(embeddedBackend)
