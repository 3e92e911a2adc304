import type { DataModel, ObjectDef, ParameterDef } from '@acs/data-model'

/** Identity and network facts of one device, derived once from the run seed and its index. */
export interface DeviceFacts {
  readonly index: number
  /** Per-device seed for values derived on demand (host names, counters). */
  readonly seed: number
  readonly manufacturer: string
  readonly oui: string
  readonly productClass: string
  readonly serial: string
  /** Lower 24 bits of the device's first MAC address; interfaces use consecutive ones. */
  readonly macBase: number
  readonly wanIp: string
  readonly hardwareVersion: string
  readonly softwareVersion: string
}

/** Settings shared by every device of a run; strings may use {serial}, {oui}, {productClass}. */
export interface FleetSettings {
  readonly acsUrl: string
  readonly username: string
  readonly password: string
  readonly connectionRequestUsername: string
  readonly connectionRequestPassword: string
  /** Seconds. */
  readonly periodicInformInterval: number
}

/** What a value source may read of the device it computes a value for. */
export interface ValueContext {
  readonly facts: DeviceFacts
  readonly settings: FleetSettings
  /** ms since the epoch when the device last booted. */
  readonly bootedAt: number
  /** Instances currently present in a table (concrete path ending in `.`). */
  countInstances(tablePath: string): number
  /** URL the device's connection requests are served on. */
  connectionRequestUrl(): string
  /** host:port of the UDP connection-request socket. */
  udpConnectionRequestAddress(): string
}

/** Computes a value when it is read (uptime, counters, identity). */
export type ValueFn = (ctx: ValueContext, p: ProfileParam, now: number) => string

/** A constant, or a function computing the value when it is read. */
export type ValueSource = string | ValueFn

/** One parameter present in every device of a profile. */
export interface ProfileParam {
  readonly path: string
  readonly def: ParameterDef
  /** Concrete object path holding it. */
  readonly object: string
  /** Instance numbers in the path, outermost first. */
  readonly instances: readonly number[]
  readonly value: ValueSource
  /** Stable hash of the path, to vary derived values per parameter. */
  readonly hash: number
}

/** How an object path sits in the tree. */
export type ObjectKind = 'single' | 'table' | 'instance'

/** One object present in every device of a profile (tables are listed too, ending in `Name.`). */
export interface ProfileObject {
  readonly path: string
  readonly def: ObjectDef
  readonly kind: ObjectKind
}

/** A tree entry in walk order: an object followed by its parameters, then its child objects. */
export type ProfileEntry = { readonly kind: 'object'; readonly object: ProfileObject } | { readonly kind: 'param'; readonly param: ProfileParam }

/** The parameters and sub-objects a new table instance gets (AddObject), relative to the instance path. */
export interface InstanceTemplate {
  readonly objects: readonly { readonly rel: string; readonly def: ObjectDef; readonly kind: ObjectKind }[]
  readonly params: readonly { readonly rel: string; readonly def: ParameterDef }[]
}

/** Name of a simulated device model. */
export type ProfileName = 'tr181' | 'tr098'

/** The shared, read-only structure of every device of one model; devices store only what differs. */
export interface DeviceProfile {
  readonly name: ProfileName
  readonly root: 'Device' | 'InternetGatewayDevice'
  readonly model: DataModel
  readonly entries: readonly ProfileEntry[]
  readonly params: ReadonlyMap<string, ProfileParam>
  readonly objects: ReadonlyMap<string, ProfileObject>
  /** Instance numbers present at factory state, per concrete table path. */
  readonly tableInstances: ReadonlyMap<string, readonly number[]>
  /** Paths every Inform carries (§5.4). */
  readonly forcedInform: readonly string[]
  /** Identity defaults used to derive each device's facts. */
  readonly identity: { manufacturer: string; oui: string; productClass: string; hardwareVersion: string; softwareVersions: readonly string[] }
  /** The template of a new instance of a table (template path ending in `{i}.`), computed once. */
  instanceTemplate(tableTemplate: string): InstanceTemplate
}
