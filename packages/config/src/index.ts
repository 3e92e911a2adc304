export { loadConfig, ConfigError } from './load-config.js'
export { CommonEnv, deploymentMode } from './common.schema.js'
