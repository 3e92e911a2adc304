/**
 * A deep copy of a contract payload, as `structuredClone` would make it, several times faster for
 * the plain JSON-like data contracts describe (objects, arrays, primitives): the in-process bus
 * copies request and reply payloads with it (stream messages are kept as JSON text instead), and
 * structuredClone's serialise/deserialise round trip was a visible share of a CWMP session's CPU.
 * Anything else (Date, Map, typed arrays, class instances) goes to structuredClone, which also
 * keeps its errors for uncloneable values.
 */
export function clonePayload<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return typeof value === 'function' ? structuredClone(value) : value
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length)
    for (let i = 0; i < value.length; i++) out[i] = clonePayload(value[i] as unknown)
    return out as T
  }
  const proto = Object.getPrototypeOf(value) as unknown
  if (proto !== Object.prototype && proto !== null) return structuredClone(value)
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) out[key] = clonePayload((value as Record<string, unknown>)[key])
  return out as T
}
