import { Type, type Static } from '@sinclair/typebox'

/** The roles an API key can hold; each includes the ones before it. */
export const Role = Type.Union([Type.Literal('read'), Type.Literal('write'), Type.Literal('admin')], {
  description: 'read: GET only; write: read plus changes; admin: write plus key management and audit',
})
/** An API key's role. */
export type Role = Static<typeof Role>

const RANK: Record<Role, number> = { read: 0, write: 1, admin: 2 }

/** Who made a request: the API key that authenticated it. */
export interface Principal {
  keyId: string
  name: string
  role: Role
}

/** True when `held` allows what `required` asks for. */
export function roleAllows(held: Role, required: Role): boolean {
  return RANK[held] >= RANK[required]
}

/** True for the three role names. */
export function isRole(value: unknown): value is Role {
  return value === 'read' || value === 'write' || value === 'admin'
}

/** The role a route needs when it does not say: 'read' for safe methods, 'write' for the rest. */
export function defaultRoleFor(method: string): Role {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? 'read' : 'write'
}
