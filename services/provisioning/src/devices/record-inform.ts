/** Folds an inform into the device view (pure): facts, first-seen credentials and secrets. */
import { createHash } from 'node:crypto'
import type { InformHookV1 } from '@acs/contracts'
import type { CredentialPair } from '../desired/management-layers.js'
import { FACT_PARAMETERS } from '../profiles/device-facts.js'
import type { ProvisioningDevice } from './provisioning-device.js'

/** Values generated before the write, used only where the device has none yet. */
export interface Generated {
  connectionRequest: CredentialPair
  cpe?: CredentialPair
  /** One fresh value per secret name any profile uses. */
  secrets: { name: string; value: string }[]
}

/** The connection-request username of a device: the prefix and a hash of the id (stable, no PII). */
export function connectionRequestUsername(prefix: string, deviceId: string): string {
  return `${prefix}${createHash('sha256').update(deviceId).digest('hex').slice(0, 16)}`
}

/** The device view after this inform. */
export function recordInform(current: ProvisioningDevice | null, hook: InformHookV1, now: Date, generated: Generated): ProvisioningDevice {
  const root = hook.dataModelRoot
  const value = (relative: string) => hook.parameters.find((p) => p.name === `${root}.${relative}`)?.value
  const bootstrap = hook.events.some((e) => e.eventCode === '0 BOOTSTRAP')
  const base: ProvisioningDevice = current ?? {
    deviceId: hook.deviceId,
    oui: '',
    productClass: '',
    manufacturer: '',
    serialNumber: '',
    dataModelRoot: root,
    tags: [],
    variables: [],
    secrets: [],
    credentials: {},
    knownValues: [],
    applied: { writeOnly: [] },
    matchedProfiles: [],
    drift: [],
    problems: [],
    firstSeenAt: now,
    lastInformAt: now,
  }
  const have = new Set(base.secrets.map((s) => s.name))
  const next: ProvisioningDevice = {
    ...base,
    oui: hook.deviceIdStruct.oui,
    productClass: hook.deviceIdStruct.productClass,
    manufacturer: hook.deviceIdStruct.manufacturer,
    serialNumber: hook.deviceIdStruct.serialNumber,
    dataModelRoot: root,
    modelName: value(FACT_PARAMETERS.modelName) ?? base.modelName,
    softwareVersion: value(FACT_PARAMETERS.softwareVersion) ?? base.softwareVersion,
    hardwareVersion: value(FACT_PARAMETERS.hardwareVersion) ?? base.hardwareVersion,
    reportedParameterKey: value('ManagementServer.ParameterKey'),
    credentials: {
      connectionRequest: base.credentials.connectionRequest ?? generated.connectionRequest,
      ...((base.credentials.cpe ?? generated.cpe) ? { cpe: base.credentials.cpe ?? generated.cpe } : {}),
    },
    secrets: [...base.secrets, ...generated.secrets.filter((s) => !have.has(s.name))],
    lastInformAt: now,
    lastSessionId: hook.sessionId,
  }
  if (bootstrap) {
    next.lastBootstrapAt = now
    // TR-069 §3.7.1.5: a bootstrapped CPE forgot its ParameterKey semantics and attributes.
    next.applied = { writeOnly: [] }
  }
  if (current && current.dataModelRoot !== root) next.knownValues = []
  return next
}
