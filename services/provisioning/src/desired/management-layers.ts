/** The management settings every device gets at bootstrap, as two built-in layers around the profiles. */
import type { Layer } from './desired-state.js'

/** Source id of the layer above every profile: credentials no profile may override. */
export const MANAGEMENT_SOURCE = '_management'
/** Source id of the layer below every profile: periodic inform defaults a profile may override. */
export const DEFAULTS_SOURCE = '_defaults'
const TOP = 1_000_000
const BOTTOM = -1_000_000

/** A username and password pair. */
export interface CredentialPair {
  username: string
  password: string
}

/** What the management layers set. */
export interface ManagementInput {
  root: string
  periodicInformIntervalSeconds: number
  connectionRequest?: CredentialPair
  /** ManagementServer.Username/Password the CPE presents to the ACS, when provisioning manages them. */
  cpe?: CredentialPair
}

/** The two built-in layers for one device. */
export function managementLayers(input: ManagementInput): Layer[] {
  const ms = `${input.root}.ManagementServer.`
  const top: Layer = { source: MANAGEMENT_SOURCE, priority: TOP, parameters: [], objects: [], attributes: [] }
  if (input.connectionRequest) {
    top.parameters.push(
      { name: `${ms}ConnectionRequestUsername`, value: input.connectionRequest.username, type: 'xsd:string', writeOnly: false, source: MANAGEMENT_SOURCE },
      { name: `${ms}ConnectionRequestPassword`, value: input.connectionRequest.password, type: 'xsd:string', writeOnly: true, source: MANAGEMENT_SOURCE },
    )
  }
  if (input.cpe) {
    top.parameters.push(
      { name: `${ms}Username`, value: input.cpe.username, type: 'xsd:string', writeOnly: false, source: MANAGEMENT_SOURCE },
      { name: `${ms}Password`, value: input.cpe.password, type: 'xsd:string', writeOnly: true, source: MANAGEMENT_SOURCE },
    )
  }
  const bottom: Layer = {
    source: DEFAULTS_SOURCE,
    priority: BOTTOM,
    parameters: [
      { name: `${ms}PeriodicInformEnable`, value: 'true', type: 'xsd:boolean', writeOnly: false, source: DEFAULTS_SOURCE },
      { name: `${ms}PeriodicInformInterval`, value: String(input.periodicInformIntervalSeconds), type: 'xsd:unsignedInt', writeOnly: false, source: DEFAULTS_SOURCE },
    ],
    objects: [],
    attributes: [],
  }
  return [top, bottom]
}
