/** The device view as the planner's inputs. */
import type { DeviceKnowledge } from '../converge/convergence.js'
import type { ProvisioningConfig } from '../config.js'
import type { ManagementInput } from '../desired/management-layers.js'
import { toMap, type ProvisioningDevice } from './provisioning-device.js'

/** Facts, variables, secrets, known values, applied record and last failure. */
export function knowledgeOf(device: ProvisioningDevice): DeviceKnowledge {
  return {
    facts: {
      deviceId: device.deviceId,
      oui: device.oui,
      productClass: device.productClass,
      manufacturer: device.manufacturer,
      serialNumber: device.serialNumber,
      modelName: device.modelName,
      softwareVersion: device.softwareVersion,
      hardwareVersion: device.hardwareVersion,
      dataModelRoot: device.dataModelRoot,
      tags: device.tags,
    },
    variables: toMap(device.variables),
    secrets: toMap(device.secrets),
    knownValues: toMap(device.knownValues),
    applied: {
      digest: device.applied.digest,
      parameterKey: device.applied.parameterKey,
      attributesDigest: device.applied.attributesDigest,
      writeOnly: toMap(device.applied.writeOnly),
    },
    ...(device.failure ? { failure: { digest: device.failure.digest, failures: device.failure.failures, retryAfter: device.failure.retryAfter } } : {}),
  }
}

/** The built-in management layers' inputs for this device. */
export function managementOf(device: ProvisioningDevice, config: ProvisioningConfig): Omit<ManagementInput, 'root'> {
  return {
    periodicInformIntervalSeconds: config.ACS_PROVISIONING_PERIODIC_INFORM_INTERVAL_S,
    ...(device.credentials.connectionRequest ? { connectionRequest: device.credentials.connectionRequest } : {}),
    ...(device.credentials.cpe ? { cpe: device.credentials.cpe } : {}),
  }
}
