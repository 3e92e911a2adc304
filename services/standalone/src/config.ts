import { Type, type Static } from '@sinclair/typebox'
import { ApiKitEnv } from '@acs/api-kit'
import { loadConfig } from '@acs/config'
import { loadGatewayConfig, type GatewayConfig } from '@acs/gateway'

const StandaloneOnlyEnv = Type.Object({ ...ApiKitEnv })

/** Everything the all-in-one process reads: the gateway's variables and the API foundation's. */
export type StandaloneConfig = GatewayConfig & Static<typeof StandaloneOnlyEnv>

/** Reads and checks the environment once; throws ConfigError naming every bad variable. */
export function loadStandaloneConfig(env: NodeJS.ProcessEnv): StandaloneConfig {
  return { ...loadGatewayConfig(env), ...loadConfig(StandaloneOnlyEnv, env) }
}
