/** Provisioning's configuration: ACS_PROVISIONING_* plus the variables every process reads. */
import { Type, type Static } from '@sinclair/typebox'
import { ApiKitEnv } from '@acs/api-kit'
import { CommonEnv, loadConfig } from '@acs/config'

const Seconds = (def: number, description: string, minimum = 1) => Type.Integer({ minimum, default: def, description })

/** The environment schema, with defaults and descriptions (the README lists it). */
export const ProvisioningEnv = Type.Object({
  ...CommonEnv,
  ...ApiKitEnv,
  ACS_PROVISIONING_PERIODIC_INFORM_INTERVAL_S: Seconds(3600, 'PeriodicInformInterval set at bootstrap (a profile may override it)'),
  ACS_PROVISIONING_CR_USERNAME_PREFIX: Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9_.-]*$', default: 'acs-', description: 'prefix of the per-device connection-request usernames generated at bootstrap' }),
  ACS_PROVISIONING_CPE_CREDENTIALS: Type.Union([Type.Literal('keep'), Type.Literal('per-device')], {
    default: 'keep',
    description: "'per-device': generate ManagementServer.Username/Password per device at bootstrap and announce them to the gateway; 'keep': leave them as shipped",
  }),
  ACS_PROVISIONING_TASK_RETENTION_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 30, description: 'finished tasks are kept this long, then deleted' }),
  ACS_PROVISIONING_TASK_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 3, description: 'default attempts of a task whose RPC faulted (1 = no retry)' }),
  ACS_PROVISIONING_TASK_RETRY_BACKOFF_S: Seconds(300, 'default delay before the first retry of a faulted task; doubles each time', 10),
  ACS_PROVISIONING_CONVERGE_RETRY_BACKOFF_S: Seconds(600, 'delay before a device whose convergence faulted is tried again; doubles, capped at 1 day', 10),
  ACS_PROVISIONING_SWEEP_INTERVAL_MS: Type.Integer({ minimum: 100, default: 10_000, description: 'how often due task retries, expiries and retention run' }),
  ACS_PROVISIONING_ONLINE_WINDOW_S: Seconds(7200, 'a profile change wakes (connection request) devices that informed within this window'),
  ACS_PROVISIONING_BULK_MAX_DEVICES: Type.Integer({ minimum: 1, default: 100_000, description: 'most devices one bulk task request may target' }),
})

/** Provisioning's validated configuration. */
export type ProvisioningConfig = Static<typeof ProvisioningEnv>

/** Reads and checks the environment once; throws ConfigError naming every bad variable. */
export function loadProvisioningConfig(env: NodeJS.ProcessEnv = process.env): ProvisioningConfig {
  return loadConfig(ProvisioningEnv, env)
}
