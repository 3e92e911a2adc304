import { embeddedBackend } from '../support/backend.js'
import { sessionSuite } from './session-suite.js'

// The embedded default: in-process bus + LMDB. Always runs.
sessionSuite(embeddedBackend)
