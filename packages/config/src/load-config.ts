import { type Static, type TObject, type TSchema, Kind } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

/** Raised when the environment holds a wrong value; the message names every bad variable. */
export class ConfigError extends Error {
  readonly code = 'ACS_ERR_CONFIG'
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`)
    this.name = 'ConfigError'
  }
}

function coerce(schema: TSchema, raw: string): unknown {
  switch (schema[Kind]) {
    case 'Integer':
    case 'Number':
      return raw.trim() === '' || Number.isNaN(Number(raw)) ? raw : Number(raw)
    case 'Boolean':
      if (/^(true|1|yes|on)$/i.test(raw)) return true
      if (/^(false|0|no|off)$/i.test(raw)) return false
      return raw
    default:
      return raw
  }
}

/**
 * Reads the variables of `schema` from `env` once, applies defaults, coerces numbers and
 * booleans, and checks everything. An empty variable counts as unset.
 */
export function loadConfig<S extends TObject>(schema: S, env: NodeJS.ProcessEnv = process.env): Static<S> {
  const input: Record<string, unknown> = {}
  for (const [name, propSchema] of Object.entries(schema.properties)) {
    const raw = env[name]
    if (raw !== undefined && raw !== '') input[name] = coerce(propSchema, raw)
  }
  const withDefaults = Value.Default(schema, input) as Record<string, unknown>
  const problems = [...Value.Errors(schema, withDefaults)].map((e) => {
    const name = e.path.replace(/^\//, '') || '(root)'
    const desc = (schema.properties[name] as TSchema | undefined)?.description
    return `${name}=${JSON.stringify(env[name] ?? '')}: ${e.message}${desc ? ` (${desc})` : ''}`
  })
  if (problems.length > 0) throw new ConfigError(problems)
  return withDefaults as Static<S>
}
