import { randomBytes } from 'node:crypto'
import type { EnqueueRpc } from '../src/index.js'

const T0 = Date.parse('2030-01-01T00:00:00.000Z')

/** The instant `seconds` after the suites' fixed origin: tests inject time, they never sleep. */
export const at = (seconds: number): Date => new Date(T0 + seconds * 1000)

/** A device id no other test uses, so tests can share one database. */
export const aDeviceId = (): string => `000000-Test-${randomBytes(6).toString('hex')}`

/** An enqueue request for a GetParameterValues; override any field. */
export function aGetParameterValues(deviceId: string, overrides: Partial<EnqueueRpc> = {}): EnqueueRpc {
  const request = { method: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.SoftwareVersion'] }
  return { deviceId, service: 'provisioning', request, ...overrides }
}

/** A fault as a CPE would answer it. */
export const aFault = (faultCode = 9005) => ({ faultCode, faultString: 'Invalid parameter name' })
