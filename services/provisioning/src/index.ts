/** @acs/provisioning: profiles, bootstrap, device tasks and the operators' API. */
export { createProvisioning, type Provisioning, type ProvisioningDeps } from './app.js'
export { loadProvisioningConfig, ProvisioningEnv, type ProvisioningConfig } from './config.js'
export { RESULTS_DURABLE } from './consumers/rpc-result.consumer.js'
export { SERVICE as PROVISIONING_SERVICE } from './service/context.js'
