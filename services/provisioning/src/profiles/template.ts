/**
 * Per-device templates in profile values: `{{serialNumber}}`, `{{oui}}`, `{{productClass}}`,
 * `{{manufacturer}}`, `{{deviceId}}`, `{{modelName}}`, `{{softwareVersion}}`, `{{mac}}`,
 * `{{var.NAME}}` (set through the API), `{{secret.NAME}}` (generated once per device and kept),
 * `{{param.PATH}}` (read from the device). Filters: `| upper`, `| lower`, `| nocolons`, `| last:N`.
 */
import type { DeviceFacts } from './device-facts.js'

/** The parameter `{{mac}}` reads, per data-model root. */
export const MAC_PARAMETER: Record<string, string> = {
  Device: 'Device.Ethernet.Interface.1.MACAddress',
  InternetGatewayDevice: 'InternetGatewayDevice.LANDevice.1.LANEthernetInterfaceConfig.1.MACAddress',
}

const FACTS = ['deviceId', 'serialNumber', 'oui', 'productClass', 'manufacturer', 'modelName', 'softwareVersion', 'hardwareVersion'] as const
type FactName = (typeof FACTS)[number]

/** One reference inside `{{ }}`. */
export type TemplateRef =
  | { kind: 'fact'; name: FactName }
  | { kind: 'var'; name: string }
  | { kind: 'secret'; name: string }
  | { kind: 'param'; name: string }
  | { kind: 'mac' }

interface Filter {
  name: 'upper' | 'lower' | 'nocolons' | 'last'
  arg?: number
}

type Part = string | { ref: TemplateRef; filters: Filter[] }

/** A template that could not be parsed; the message says which placeholder and why. */
export class TemplateSyntaxError extends Error {
  readonly code = 'ACS_ERR_PROVISIONING_TEMPLATE'
  constructor(message: string) {
    super(message)
    this.name = 'TemplateSyntaxError'
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/
const PARAM = /^[A-Za-z_][A-Za-z0-9_.-]{0,255}[A-Za-z0-9_]$/
const cache = new Map<string, Part[]>()

function parseRef(text: string): TemplateRef {
  if ((FACTS as readonly string[]).includes(text)) return { kind: 'fact', name: text as FactName }
  if (text === 'mac') return { kind: 'mac' }
  const dot = text.indexOf('.')
  const head = dot < 0 ? text : text.slice(0, dot)
  const rest = dot < 0 ? '' : text.slice(dot + 1)
  if ((head === 'var' || head === 'secret') && NAME.test(rest)) return { kind: head, name: rest }
  if (head === 'param' && PARAM.test(rest)) return { kind: 'param', name: rest }
  throw new TemplateSyntaxError(`unknown template reference {{${text}}}; use one of ${FACTS.join(', ')}, mac, var.NAME, secret.NAME, param.PATH`)
}

function parseFilter(text: string): Filter {
  const [name, arg] = text.split(':', 2).map((s) => s.trim())
  if (name === 'upper' || name === 'lower' || name === 'nocolons') {
    if (arg !== undefined) throw new TemplateSyntaxError(`filter ${name} takes no argument`)
    return { name }
  }
  if (name === 'last' && arg !== undefined && /^[1-9][0-9]{0,3}$/.test(arg)) return { name, arg: Number(arg) }
  throw new TemplateSyntaxError(`unknown template filter "${text}"; use upper, lower, nocolons or last:N`)
}

/** Parses a value into literal text and placeholders; throws TemplateSyntaxError. */
export function parseTemplate(value: string): Part[] {
  const cached = cache.get(value)
  if (cached) return cached
  const parts: Part[] = []
  let at = 0
  while (at < value.length) {
    const open = value.indexOf('{{', at)
    if (open < 0) {
      parts.push(value.slice(at))
      break
    }
    if (open > at) parts.push(value.slice(at, open))
    const close = value.indexOf('}}', open + 2)
    if (close < 0) throw new TemplateSyntaxError(`unterminated placeholder at character ${open + 1}`)
    const [refText = '', ...filterTexts] = value.slice(open + 2, close).split('|').map((s) => s.trim())
    parts.push({ ref: parseRef(refText), filters: filterTexts.map(parseFilter) })
    at = close + 2
  }
  if (cache.size > 5000) cache.clear()
  cache.set(value, parts)
  return parts
}

/** Whether a value holds any placeholder. */
export function isTemplated(value: string): boolean {
  return value.includes('{{')
}

/** The references of a value (parses it; throws TemplateSyntaxError). */
export function templateRefs(value: string): TemplateRef[] {
  if (!isTemplated(value)) return []
  return parseTemplate(value).flatMap((p) => (typeof p === 'string' ? [] : [p.ref]))
}

/** The device parameter a reference reads, if it reads one. */
export function referencedParameter(ref: TemplateRef, root: string): string | undefined {
  if (ref.kind === 'param') return ref.name
  if (ref.kind === 'mac') return MAC_PARAMETER[root]
  return undefined
}

/** Everything a render may draw on. */
export interface TemplateContext {
  facts: DeviceFacts
  variables: ReadonlyMap<string, string>
  secrets: ReadonlyMap<string, string>
  /** Parameter values known for the device (inform, reads). */
  values: ReadonlyMap<string, string>
}

/** A rendered value, or the references that had no value. */
export type RenderResult = { ok: true; value: string } | { ok: false; missing: TemplateRef[] }

function resolve(ref: TemplateRef, ctx: TemplateContext): string | undefined {
  switch (ref.kind) {
    case 'fact':
      return ctx.facts[ref.name]
    case 'var':
      return ctx.variables.get(ref.name)
    case 'secret':
      return ctx.secrets.get(ref.name)
    case 'param':
    case 'mac': {
      const path = referencedParameter(ref, ctx.facts.dataModelRoot)
      return path === undefined ? undefined : ctx.values.get(path)
    }
  }
}

function applyFilter(value: string, filter: Filter): string {
  switch (filter.name) {
    case 'upper':
      return value.toUpperCase()
    case 'lower':
      return value.toLowerCase()
    case 'nocolons':
      return value.replace(/[:-]/g, '')
    case 'last':
      return value.slice(-(filter.arg ?? 1))
  }
}

/** Renders a value for one device. */
export function renderTemplate(value: string, ctx: TemplateContext): RenderResult {
  if (!isTemplated(value)) return { ok: true, value }
  let out = ''
  const missing: TemplateRef[] = []
  for (const part of parseTemplate(value)) {
    if (typeof part === 'string') {
      out += part
      continue
    }
    const resolved = resolve(part.ref, ctx)
    if (resolved === undefined) missing.push(part.ref)
    else out += part.filters.reduce(applyFilter, resolved)
  }
  return missing.length > 0 ? { ok: false, missing } : { ok: true, value: out }
}

/** A short label of a reference for messages: `var.ssid`, `param.Device.X`. */
export function refLabel(ref: TemplateRef): string {
  return ref.kind === 'mac' ? 'mac' : ref.kind === 'fact' ? ref.name : `${ref.kind}.${ref.name}`
}
