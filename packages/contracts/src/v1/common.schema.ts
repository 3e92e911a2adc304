import { Type, type Static } from '@sinclair/typebox'

/** OUI-ProductClass-SerialNumber (ProductClass may be empty), URL-encoded parts. */
export const DeviceId = Type.String({ minLength: 1, maxLength: 512 })
export type DeviceId = Static<typeof DeviceId>

export const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' })
/** ISO 8601 instant written by our own services (never a CPE's clock). */
export const Timestamp = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$' })

export const XsdType = Type.Union(
  ['xsd:string', 'xsd:int', 'xsd:unsignedInt', 'xsd:long', 'xsd:unsignedLong', 'xsd:boolean', 'xsd:dateTime', 'xsd:base64', 'xsd:hexBinary', 'xsd:decimal'].map(
    (t) => Type.Literal(t),
  ),
)
export const ParameterValue = Type.Object({
  name: Type.String({ maxLength: 1024 }),
  value: Type.String(),
  type: XsdType,
})
export type ParameterValue = Static<typeof ParameterValue>

export const EventStruct = Type.Object({ eventCode: Type.String({ maxLength: 64 }), commandKey: Type.String() })

export const DeviceIdStruct = Type.Object({
  manufacturer: Type.String(),
  oui: Type.String(),
  productClass: Type.String(),
  serialNumber: Type.String(),
})

/** A CWMP fault as data: the CPE's answer to an RPC, or a fault inside a completion. */
export const CwmpFault = Type.Object({
  faultCode: Type.Integer(),
  faultString: Type.String(),
  setParameterValuesFault: Type.Optional(
    Type.Array(Type.Object({ parameterName: Type.String(), faultCode: Type.Integer(), faultString: Type.String() })),
  ),
})
export type CwmpFault = Static<typeof CwmpFault>

/** A codec message body (request or response) in its JSON form; `method` tells which. */
export const CwmpBody = Type.Object({ method: Type.String({ minLength: 1 }) }, { additionalProperties: true })
export type CwmpBody = Static<typeof CwmpBody>
