import type { SimDevice } from '../device/sim-device.js'

/** What the connection-request listeners need from the simulator. */
export interface ConnectionRequestTarget {
  /** The device whose ConnectionRequestURL ends in this serial number. */
  bySerial(serial: string): SimDevice | undefined
  /** Devices whose ConnectionRequestUsername is `username` (UDP requests name the device only this way). */
  byConnectionRequestUsername(username: string): readonly SimDevice[]
  /** Wakes the device: 'accepted' opens a session with `6 CONNECTION REQUEST`; 'busy' means one is running. */
  wake(device: SimDevice, via: 'http' | 'udp'): 'accepted' | 'busy'
  /** Counts a rejected request by reason. */
  rejected(reason: string): void
}
