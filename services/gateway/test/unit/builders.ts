import type { AcsRequest, Envelope, Inform } from '@acs/cwmp'
import { queued } from '../support/queued.js'
import type { ClaimedRpc, InFlightRpc, SessionData } from '../../src/session/session-types.js'

/** A TR-181 Inform envelope; `events` default to 2 PERIODIC. */
export function anInform(overrides: { events?: string[]; serial?: string; oui?: string; supported?: string[]; id?: string; namespace?: Envelope['namespace'] } = {}): Envelope<Inform> {
  const header: Envelope['header'] = { id: overrides.id ?? 'inf-1' }
  if (overrides.supported) header.supportedCwmpVersions = overrides.supported
  return {
    namespace: overrides.namespace ?? 'urn:dslforum-org:cwmp-1-2',
    header,
    body: {
      method: 'Inform',
      deviceId: { manufacturer: 'ExampleCo', oui: overrides.oui ?? '00AABB', productClass: 'HGW-9', serialNumber: overrides.serial ?? 'SN0001' },
      events: (overrides.events ?? ['2 PERIODIC']).map((eventCode) => ({ eventCode, commandKey: '' })),
      maxEnvelopes: 1,
      currentTime: '2025-03-01T10:00:00Z',
      retryCount: 0,
      parameterList: [
        { name: 'Device.DeviceInfo.SoftwareVersion', value: '4.2.1', type: 'xsd:string' },
        { name: 'Device.ManagementServer.ConnectionRequestURL', value: 'http://192.0.2.10:7547/cr', type: 'xsd:string' },
      ],
    },
  }
}

/** A CPE request envelope (TransferComplete unless given). */
export function aCpeRequest(body?: AcsRequest, id = 'cpe-1'): Envelope<AcsRequest> {
  return {
    namespace: 'urn:dslforum-org:cwmp-1-2',
    header: { id },
    body: body ?? { method: 'TransferComplete', commandKey: 'fw-1', faultStruct: { faultCode: 0, faultString: '' }, startTime: '2025-03-01T10:00:00Z', completeTime: '2025-03-01T10:01:00Z' },
  }
}

/** Session data as the machine creates it for `anInform()`. */
export function aSession(overrides: Partial<SessionData> = {}): SessionData {
  return {
    sessionId: 's-1',
    deviceId: '00AABB-HGW-9-SN0001',
    namespace: 'urn:dslforum-org:cwmp-1-2',
    cwmpVersion: '1.2',
    startedAt: 1_000,
    remoteAddress: '192.0.2.10',
    heartbeat: false,
    rpcsSent: 0,
    ...overrides,
  }
}

/** A claimed GetParameterValues RPC. */
export function aClaimedRpc(overrides: Partial<ClaimedRpc> = {}): ClaimedRpc {
  return { id: 'rpc-1', request: queued({ method: 'GetParameterValues', parameterNames: ['Device.'] }), service: 'provisioning', awaited: false, ...overrides }
}

/** The in-flight record of `aClaimedRpc()` sent at `sentAt`. */
export function anInFlight(overrides: Partial<InFlightRpc> = {}): InFlightRpc {
  return { id: 'rpc-1', method: 'GetParameterValues', service: 'provisioning', awaited: false, sentAt: 2_000, stopsSession: false, ...overrides }
}
