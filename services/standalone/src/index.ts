export { startStandalone, type RunningAcs } from './standalone.js'
export { createApiServer, type MountedApi } from './api-server.js'
