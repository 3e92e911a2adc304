/** The profile: what a set of devices must look like, as the API accepts and the store keeps it. */
import { Type, type Static } from '@sinclair/typebox'
import { XsdType } from '@acs/contracts'

const Path = Type.String({ minLength: 1, maxLength: 256, pattern: '^[A-Za-z_\\[{]', description: 'full CWMP path' })
const RelativeName = Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$', description: 'parameter name relative to the instance' })
const Value = Type.String({ maxLength: 4096, description: 'value; may hold templates such as {{serialNumber}} or {{var.ssid}}' })
const Tag = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' })

/** How one inform-derived attribute is matched: exact, any of, prefix, or glob (`*`, `?`). */
export const StringMatch = Type.Union(
  [
    Type.String({ maxLength: 256, description: 'exact value' }),
    Type.Object({ in: Type.Array(Type.String({ maxLength: 256 }), { minItems: 1, maxItems: 500 }) }, { additionalProperties: false }),
    Type.Object({ prefix: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
    Type.Object({ glob: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
  ],
  { description: 'a string, {in:[...]}, {prefix}, or {glob} (* any run, ? one character)' },
)
export type StringMatch = Static<typeof StringMatch>

/** The device attributes a filter can test; every given condition must hold. */
export const DeviceFilter = Type.Object(
  {
    oui: Type.Optional(StringMatch),
    productClass: Type.Optional(StringMatch),
    manufacturer: Type.Optional(StringMatch),
    serialNumber: Type.Optional(StringMatch),
    modelName: Type.Optional(StringMatch),
    softwareVersion: Type.Optional(StringMatch),
    hardwareVersion: Type.Optional(StringMatch),
    dataModelRoot: Type.Optional(Type.Union([Type.Literal('Device'), Type.Literal('InternetGatewayDevice')])),
    tags: Type.Optional(
      Type.Object(
        {
          all: Type.Optional(Type.Array(Tag, { maxItems: 50 })),
          any: Type.Optional(Type.Array(Tag, { maxItems: 50 })),
          none: Type.Optional(Type.Array(Tag, { maxItems: 50 })),
        },
        { additionalProperties: false },
      ),
    ),
    deviceIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 512 }), { maxItems: 1000 })),
  },
  { additionalProperties: false, description: 'all given conditions must hold; {} matches every device' },
)
export type DeviceFilter = Static<typeof DeviceFilter>

/** A parameter value the profile sets. */
export const ParameterRule = Type.Object(
  { name: Path, value: Value, type: Type.Optional(XsdType) },
  { additionalProperties: false },
)
export type ParameterRule = Static<typeof ParameterRule>

const RelativeValue = Type.Object({ name: RelativeName, value: Value, type: Type.Optional(XsdType) }, { additionalProperties: false })

/** An object instance that must (or must not) exist, identified by its key parameters. */
export const ObjectRule = Type.Object(
  {
    table: Type.String({ minLength: 2, maxLength: 256, pattern: '\\.$', description: 'multi-instance table path ending in "." without instance, e.g. Device.PPP.Interface.' }),
    key: Type.Array(RelativeValue, { minItems: 1, maxItems: 8, description: 'parameters that identify the instance' }),
    present: Type.Boolean({ default: true, description: 'true: must exist (added if missing); false: every matching instance is deleted' }),
    parameters: Type.Optional(Type.Array(RelativeValue, { maxItems: 200, description: 'further values set on the instance' })),
  },
  { additionalProperties: false },
)
export type ObjectRule = Static<typeof ObjectRule>

/** Parameter attributes (notification, access list) the profile sets. */
export const AttributeRule = Type.Object(
  {
    name: Path,
    notification: Type.Optional(Type.Integer({ minimum: 0, maximum: 6, description: '0 off, 1 passive, 2 active (3-6 lightweight, CWMP 1.4)' })),
    accessList: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 8 })),
  },
  { additionalProperties: false },
)
export type AttributeRule = Static<typeof AttributeRule>

/** Periodic inform settings; shorthand for the ManagementServer.PeriodicInform* parameters. */
export const PeriodicInform = Type.Object(
  {
    enable: Type.Optional(Type.Boolean()),
    intervalSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 4294967295 })),
    time: Type.Optional(Type.String({ maxLength: 64, description: 'xsd:dateTime phase reference' })),
  },
  { additionalProperties: false },
)
export type PeriodicInform = Static<typeof PeriodicInform>

/** What an operator sends to create or replace a profile. */
export const ProfileInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 128 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    dataModelRoot: Type.Union([Type.Literal('Device'), Type.Literal('InternetGatewayDevice')], { description: 'root every path of the profile lives under' }),
    priority: Type.Integer({ minimum: -10000, maximum: 10000, default: 0, description: 'higher wins where two profiles set the same thing' }),
    enabled: Type.Boolean({ default: true }),
    filter: DeviceFilter,
    parameters: Type.Array(ParameterRule, { maxItems: 2000, default: [] }),
    objects: Type.Array(ObjectRule, { maxItems: 200, default: [] }),
    attributes: Type.Array(AttributeRule, { maxItems: 500, default: [] }),
    periodicInform: Type.Optional(PeriodicInform),
  },
  { additionalProperties: false },
)
export type ProfileInput = Static<typeof ProfileInput>

/** A stored profile: the input with its types resolved from the data model, plus bookkeeping. */
export const Profile = Type.Intersect([
  ProfileInput,
  Type.Object({
    id: Type.String(),
    revision: Type.Integer({ minimum: 1, description: 'incremented on every change; send it back as If-Match' }),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  }),
])

/** A stored profile (see the schema of the same name). */
export interface Profile extends ProfileInput {
  id: string
  revision: number
  createdAt: string
  updatedAt: string
}
