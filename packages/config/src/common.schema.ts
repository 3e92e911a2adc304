import { ConfigError } from './load-config.js'
import { Type } from '@sinclair/typebox'

const Port = (def: number, description: string) => Type.Integer({ minimum: 0, maximum: 65535, default: def, description: `${description} (0 = any free port)` })

/** Variables every process of the ACS reads. */
export const CommonEnv = {
  ACS_HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'address to listen on' }),
  ACS_CWMP_PORT: Port(7547, 'CWMP endpoint port for CPEs'),
  ACS_API_PORT: Port(7557, 'REST API port; every service mounts /api/<service>/v1/'),
  ACS_DATA_DIR: Type.String({ minLength: 1, default: './data', description: 'embedded store directory' }),
  NATS_URL: Type.Optional(Type.String({ pattern: '^(nats|tls|ws|wss)://', description: 'NATS server; unset = embedded in-process bus' })),
  MONGODB_URL: Type.Optional(Type.String({ pattern: '^mongodb(\\+srv)?://', description: 'MongoDB; unset = embedded store' })),
  ACS_LOG_LEVEL: Type.Union([Type.Literal('fatal'), Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'), Type.Literal('debug'), Type.Literal('trace'), Type.Literal('silent')], {
    default: 'info',
    description: 'log level',
  }),
  ACS_SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, default: 10_000, description: 'time to finish in-flight work on SIGTERM' }),
}

/** 'embedded' when neither NATS_URL nor MONGODB_URL is set, 'distributed' when both are. */
export function deploymentMode(config: { NATS_URL?: string; MONGODB_URL?: string }): 'embedded' | 'distributed' {
  if (!config.NATS_URL && !config.MONGODB_URL) return 'embedded'
  if (config.NATS_URL && config.MONGODB_URL) return 'distributed'
  throw new ConfigError([
    `${config.NATS_URL ? 'MONGODB_URL' : 'NATS_URL'} is missing: set both NATS_URL and MONGODB_URL for the distributed mode, or neither for the embedded default`,
  ])
}
