import { deviceFacts } from '../../src/device/device-facts.js'
import { SimDevice } from '../../src/device/sim-device.js'
import { buildProfile } from '../../src/model/build-profile.js'
import type { DeviceProfile, FleetSettings, ProfileName } from '../../src/model/profile-types.js'
import { TR098_PROFILE } from '../../src/model/tr098-profile.js'
import { TR181_PROFILE } from '../../src/model/tr181-profile.js'

const profiles = new Map<ProfileName, DeviceProfile>()

/** The shared profile of a model, built once per test file. */
export function profileOf(name: ProfileName): DeviceProfile {
  let p = profiles.get(name)
  if (!p) {
    p = buildProfile(name === 'tr181' ? TR181_PROFILE : TR098_PROFILE)
    profiles.set(name, p)
  }
  return p
}

/** A simulated device for unit tests (no network). */
export function aDevice(model: ProfileName = 'tr181', options: { index?: number; acsUrl?: string; settings?: Partial<FleetSettings> } = {}): SimDevice {
  const profile = profileOf(model)
  const settings: FleetSettings = {
    acsUrl: options.acsUrl ?? 'http://127.0.0.1:1/acs',
    username: 'cpe-{serial}',
    password: 'secret',
    connectionRequestUsername: 'cr-{serial}',
    connectionRequestPassword: 'crpass',
    periodicInformInterval: 300,
    ...options.settings,
  }
  return new SimDevice(deviceFacts(profile, 7, options.index ?? 0), profile, settings, { crBaseUrl: 'http://127.0.0.1:9/cr/', udpAddress: '127.0.0.1:9' }, Date.now())
}
