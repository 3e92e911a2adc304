/** Path syntax of CWMP parameter names: instance numbers, `[alias]` segments and the root. */
import type { DataModelRoot } from './model-file.js'

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/
const INSTANCE = /^[1-9][0-9]*$/
const PLACEHOLDER = '{i}'

/**
 * Rewrites a concrete path to its template: every instance number (`3`), alias (`[guest]`,
 * TR-069 §3.6.1 alias-based addressing) or `{i}` segment becomes `{i}`. Returns undefined when
 * the path is not well formed (empty segment, bad name, unterminated alias).
 */
export function toTemplatePath(path: string): string | undefined {
  let template = ''
  let index = 0
  for (;;) {
    let segment: string
    if (path[index] === '[') {
      // An alias may itself contain dots, so it ends at the closing bracket, not at the next dot.
      const close = path.indexOf(']', index + 1)
      if (close === -1 || close === index + 1) return undefined
      segment = PLACEHOLDER
      index = close + 1
    } else {
      const dot = path.indexOf('.', index)
      const end = dot === -1 ? path.length : dot
      const text = path.slice(index, end)
      if (INSTANCE.test(text) || text === PLACEHOLDER) segment = PLACEHOLDER
      else if (NAME.test(text)) segment = text
      else return undefined
      index = end
    }
    if (template === '' && segment === PLACEHOLDER) return undefined
    template += segment
    if (index === path.length) return template
    if (path[index] !== '.') return undefined
    template += '.'
    index += 1
    if (index === path.length) return template
  }
}

/**
 * Template path of the object enclosing an object template path; a table's `{i}` level belongs to
 * the table (`Device.WiFi.SSID.{i}.` -> `Device.WiFi.`). Undefined for the root object.
 */
export function parentObjectPath(objectPath: string): string | undefined {
  const parent = objectPath.replace(/[^.]+\.(\{i\}\.)?$/, '')
  return parent === '' || parent === objectPath ? undefined : parent
}

/** The data-model root a parameter or object name belongs to, if it is one this package knows. */
export function rootOf(parameterName: string): DataModelRoot | undefined {
  const first = parameterName.split('.', 1)[0]
  return first === 'Device' || first === 'InternetGatewayDevice' ? first : undefined
}
