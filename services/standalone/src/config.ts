import { loadGatewayConfig, type GatewayConfig } from '@acs/gateway'
import { loadProvisioningConfig, type ProvisioningConfig } from '@acs/provisioning'

/** Everything the all-in-one process reads: each service's variables (they share CommonEnv). */
export type StandaloneConfig = GatewayConfig & ProvisioningConfig

/** Reads and checks the environment once; throws ConfigError naming every bad variable. */
export function loadStandaloneConfig(env: NodeJS.ProcessEnv): StandaloneConfig {
  return { ...loadGatewayConfig(env), ...loadProvisioningConfig(env) }
}
