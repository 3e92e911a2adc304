/** The CPE RPCs an operator may queue as a task, as API schemas (CWMP argument limits from cwmp-1-2.xsd). */
import { Type, type Static, type TSchema } from '@sinclair/typebox'

const Name = Type.String({ minLength: 1, maxLength: 256 })
const Key = Type.String({ maxLength: 32, default: '' })
const Url = Type.String({ minLength: 1, maxLength: 1024, pattern: '^(https?|ftp|tftp)://' })
const Credential = Type.String({ maxLength: 256, default: '' })
const XsdType = Type.Union(
  ['xsd:string', 'xsd:int', 'xsd:unsignedInt', 'xsd:long', 'xsd:unsignedLong', 'xsd:boolean', 'xsd:dateTime', 'xsd:base64', 'xsd:hexBinary', 'xsd:decimal'].map((t) => Type.Literal(t)),
)

const rpc = <P extends Record<string, TSchema>>(method: string, props: P, description: string) =>
  Type.Object({ method: Type.Literal(method), ...props }, { additionalProperties: false, description })

/** Every RPC a task may carry. */
export const TaskRequest = Type.Union([
  rpc('GetParameterValues', { parameterNames: Type.Array(Name, { minItems: 1, maxItems: 1000 }) }, 'read values (names or partial paths ending in ".")'),
  rpc(
    'SetParameterValues',
    {
      parameterList: Type.Array(Type.Object({ name: Name, value: Type.String({ maxLength: 4096 }), type: XsdType }, { additionalProperties: false }), { minItems: 1, maxItems: 1000 }),
      parameterKey: Key,
    },
    'set values atomically',
  ),
  rpc('GetParameterNames', { parameterPath: Type.String({ maxLength: 256 }), nextLevel: Type.Boolean() }, 'list names under a path'),
  rpc('GetParameterAttributes', { parameterNames: Type.Array(Name, { minItems: 1, maxItems: 1000 }) }, 'read notification and access list'),
  rpc(
    'SetParameterAttributes',
    {
      parameterList: Type.Array(
        Type.Object(
          {
            name: Name,
            notificationChange: Type.Boolean(),
            notification: Type.Integer({ minimum: 0, maximum: 6 }),
            accessListChange: Type.Boolean(),
            accessList: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 16 }),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 1000 },
      ),
    },
    'set notification and access list',
  ),
  rpc('AddObject', { objectName: Type.String({ minLength: 2, maxLength: 256, pattern: '\\.$' }), parameterKey: Key }, 'create an instance; the response holds its number'),
  rpc('DeleteObject', { objectName: Type.String({ minLength: 2, maxLength: 256, pattern: '\\.$' }), parameterKey: Key }, 'delete an instance'),
  rpc('Reboot', { commandKey: Key }, 'reboot'),
  rpc('FactoryReset', {}, 'factory reset'),
  rpc('GetRPCMethods', {}, 'list the methods the CPE supports'),
  rpc('ScheduleInform', { delaySeconds: Type.Integer({ minimum: 0, maximum: 4294967295 }), commandKey: Key }, 'ask for an inform later'),
  rpc(
    'Upload',
    { commandKey: Key, fileType: Type.String({ minLength: 1, maxLength: 64 }), url: Url, username: Credential, password: Credential, delaySeconds: Type.Integer({ minimum: 0, default: 0 }) },
    'upload a file (configuration, log) from the CPE',
  ),
  rpc(
    'Download',
    {
      commandKey: Key,
      fileType: Type.String({ minLength: 1, maxLength: 64 }),
      url: Url,
      username: Credential,
      password: Credential,
      fileSize: Type.Integer({ minimum: 0, default: 0 }),
      targetFileName: Type.String({ maxLength: 256, default: '' }),
      delaySeconds: Type.Integer({ minimum: 0, default: 0 }),
      successUrl: Type.String({ maxLength: 1024, default: '' }),
      failureUrl: Type.String({ maxLength: 1024, default: '' }),
    },
    'download a file (firmware, configuration) to the CPE',
  ),
])
/** A task's RPC as the API accepts it. */
export type TaskRequest = Static<typeof TaskRequest>

/** Retry policy of a task. */
export const RetryPolicy = Type.Object(
  {
    maxAttempts: Type.Integer({ minimum: 1, maximum: 100, description: 'attempts in all (1 = no retry)' }),
    backoffSeconds: Type.Integer({ minimum: 10, maximum: 86400, description: 'delay before the first retry; doubles each time (capped at a day)' }),
  },
  { additionalProperties: false },
)
/** Retry policy of a task. */
export type RetryPolicy = Static<typeof RetryPolicy>
