import type { DeviceFacts, DeviceProfile } from '../model/profile-types.js'
import { Prng, deviceSeed } from '../util/prng.js'

/** Derives the identity of device `index` of a run: same seed and index, same device. */
export function deviceFacts(profile: DeviceProfile, seed: number, index: number): DeviceFacts {
  const s = deviceSeed(seed, index)
  const rng = new Prng(s)
  const id = profile.identity
  // Serials are unique per index; the seeded suffix keeps two runs with different seeds apart.
  const serial = `SIM${(seed >>> 0).toString(36).toUpperCase().slice(-3).padStart(3, '0')}${index.toString().padStart(7, '0')}`
  return {
    index,
    seed: s,
    manufacturer: id.manufacturer,
    oui: id.oui,
    productClass: id.productClass,
    serial,
    // 32 addresses per device, interfaces use offsets up to 20: no two devices share a MAC.
    macBase: (index * 32 + rng.int(0, 7)) & 0xffffff,
    wanIp: `100.${64 + rng.int(0, 63)}.${rng.int(0, 255)}.${rng.int(2, 254)}`,
    hardwareVersion: id.hardwareVersion,
    softwareVersion: rng.pick(id.softwareVersions),
  }
}
