/** The public, decoded shape of a data model: what lookups and iterators return. */
import type { ActiveNotifyFlag, BaseType, DataModelRoot, StatusFlag, XsdType } from './model-file.js'

/** Parameter access in the BBF XML; `writeOnceReadOnly` (e.g. Alias) may be set once by the ACS. */
export type Access = 'readOnly' | 'readWrite' | 'writeOnceReadOnly'

/** Active-notification rule of a parameter (TR-069 §A.3.2.4 / BBF `activeNotify`). */
export type ActiveNotify = 'normal' | ActiveNotifyFlag

/** Lifecycle status of a definition; deleted ones are not in the model at all. */
export type Status = 'current' | StatusFlag

/** One allowed numeric interval; a missing bound is unbounded (the type's own limits apply). */
export interface ValueRange {
  readonly min?: number
  readonly max?: number
  readonly step?: number
}

/** One allowed length interval, in characters (bytes of the decoded data for base64/hexBinary). */
export interface LengthRange {
  readonly min: number
  readonly max?: number
}

/** Facets of a comma-separated list parameter. */
export interface ListFacets {
  readonly minItems?: number
  readonly maxItems?: number
  /** Maximum length of the whole list string. */
  readonly maxLength?: number
  /** Items are bracketed (`[a,b],[c,d]`): only the whole-string length is checked. */
  readonly nested: boolean
}

/** A parameter definition; `path` is the template path with `{i}` placeholders. */
export interface ParameterDef {
  readonly kind: 'parameter'
  readonly path: string
  readonly name: string
  /** Template path of the object holding it, ending in `.`. */
  readonly object: string
  readonly type: BaseType
  /** The xsi:type to send the value with (lists are always xsd:string). */
  readonly xsdType: XsdType
  /** Named BBF data type, e.g. `Alias`, `IPAddress`, `MACAddress`, `StatsCounter64`. */
  readonly dataType?: string
  readonly access: Access
  /** True for readWrite and writeOnceReadOnly: the ACS may set it. */
  readonly writable: boolean
  readonly list?: ListFacets
  /** Allowed intervals (any one may match); empty = the type's own limits. */
  readonly ranges: readonly ValueRange[]
  /** Lowest allowed value over all ranges, when every range has a lower bound. */
  readonly min?: number
  /** Highest allowed value over all ranges, when every range has an upper bound. */
  readonly max?: number
  /** Allowed lengths (any one may match); applies to each item of a list. */
  readonly lengths: readonly LengthRange[]
  /** Longest allowed value, when every length range has an upper bound. */
  readonly maxLength?: number
  readonly enumeration?: readonly string[]
  /** Enumeration values only the CPE may report (e.g. DiagnosticsState `Complete`). */
  readonly readOnlyValues?: readonly string[]
  /** XML Schema patterns the whole value (or item) must match; any one may match. */
  readonly patterns?: readonly string[]
  readonly forcedInform: boolean
  readonly activeNotify: ActiveNotify
  readonly default?: string
  /** `object`: value on creation; `factory`: factory default; `implementation`: CPE-chosen. */
  readonly defaultKind?: 'object' | 'factory' | 'implementation'
  readonly status: Status
  /** Hidden or secured (passwords, keys): reads return an empty string. */
  readonly hidden: boolean
  /** Writing it triggers an action (e.g. a reset) rather than storing a value. */
  readonly command: boolean
}

/** An object definition; multi-instance tables have a path ending in `{i}.`. */
export interface ObjectDef {
  readonly kind: 'object'
  readonly path: string
  /** Template path of the enclosing object; undefined for the root object. */
  readonly parent?: string
  readonly multiInstance: boolean
  /** Instances can be created and deleted (AddObject / DeleteObject). */
  readonly writable: boolean
  readonly minEntries: number
  /** Null means unbounded. */
  readonly maxEntries: number | null
  readonly status: Status
  readonly parameters: readonly ParameterDef[]
}

/** Either kind of definition. */
export type Definition = ObjectDef | ParameterDef

/** CWMP fault codes `validate` can return (TR-069 Annex A.5). */
export type ValidationFaultCode = 9005 | 9006 | 9007 | 9008

/** Outcome of checking a value against the data model before a SetParameterValues. */
export type ValidationResult =
  | { readonly ok: true; readonly xsdType: XsdType }
  | { readonly ok: false; readonly code: ValidationFaultCode; readonly message: string }

/** A loaded data model for one root. */
export interface DataModel {
  readonly root: DataModelRoot
  /** Model name and version, e.g. `Device:2.17`. */
  readonly model: string
  /** The BBF XML file it was generated from. */
  readonly source: string
  /**
   * The definition for a path: concrete (`Device.WiFi.SSID.3.SSID`), aliased
   * (`Device.WiFi.SSID.[guest].SSID`) or template (`Device.WiFi.SSID.{i}.SSID`). Object paths end
   * in `.`; a table path without instance (`Device.WiFi.SSID.`) gives the table's `{i}` object.
   */
  lookup(path: string): Definition | undefined
  /** Checks that `value` may be set on `path`; `xsdType`, when given, must match the model's. */
  validate(path: string, value: string, xsdType?: string): ValidationResult
  /** Parameters and direct child objects of an object path, or undefined when it is not one. */
  children(objectPath: string): readonly Definition[] | undefined
  /** Every object, sorted by path. */
  objects(): IterableIterator<ObjectDef>
  /** Every parameter, sorted by object path then name. */
  parameters(): IterableIterator<ParameterDef>
}
