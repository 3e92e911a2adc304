import { loadDataModel } from '@acs/data-model'
import type { DeviceFacts } from '../../src/profiles/device-facts.js'
import type { Profile, ProfileInput } from '../../src/profiles/profile.schema.js'
import { validateProfile } from '../../src/profiles/validate-profile.js'
import { dataModelRenderModel } from '../../src/desired/data-model-adapter.js'

export function aFacts(overrides: Partial<DeviceFacts> = {}): DeviceFacts {
  return {
    deviceId: '00D09E-HG8245-SN0001',
    oui: '00D09E',
    productClass: 'HG8245',
    manufacturer: 'Acme',
    serialNumber: 'SN0001',
    softwareVersion: '1.2.3',
    hardwareVersion: 'A',
    dataModelRoot: 'Device',
    tags: [],
    ...overrides,
  }
}

export function aProfileInput(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name: 'wifi',
    dataModelRoot: 'Device',
    priority: 0,
    enabled: true,
    filter: {},
    parameters: [],
    objects: [],
    attributes: [],
    ...overrides,
  }
}

let seq = 0
/** A validated, stored-looking profile. */
export function aProfile(overrides: Partial<ProfileInput> & { id?: string } = {}): Profile {
  const { id, ...input } = overrides
  const root = input.dataModelRoot ?? 'Device'
  const valid = validateProfile(aProfileInput(input), loadDataModel(root))
  return { ...valid, id: id ?? `prof-${++seq}`, revision: 1, createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z' }
}

export function renderModelFor(root: 'Device' | 'InternetGatewayDevice' = 'Device') {
  return dataModelRenderModel(loadDataModel(root))
}
