/** One challenge or credentials of an HTTP authentication header: `Digest realm="x", nonce="y"`. */
export interface AuthItem {
  /** Lower-cased scheme, e.g. 'digest' or 'basic'. */
  scheme: string
  /** Lower-cased parameter names; values unquoted. */
  params: Record<string, string>
  /** The token68 form (Basic credentials), when present. */
  token?: string
}

const TOKEN_CHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/
const TOKEN68 = /^[A-Za-z0-9._~+/-]+=*/

/**
 * Parses WWW-Authenticate / Authorization values (RFC 9110 §11.6): several challenges may share
 * one header, separated by commas; quoted values may hold commas and backslash escapes.
 * Garbage is skipped, never thrown on.
 */
export function parseAuthHeader(value: string): AuthItem[] {
  const items: AuthItem[] = []
  const n = value.length
  let i = 0
  const skipWs = (): void => {
    while (i < n && (value[i] === ' ' || value[i] === '\t')) i++
  }
  const readToken = (): string => {
    const start = i
    while (i < n && TOKEN_CHAR.test(value[i]!)) i++
    return value.slice(start, i)
  }
  const readQuoted = (): string => {
    let out = ''
    i++
    while (i < n && value[i] !== '"') {
      if (value[i] === '\\' && i + 1 < n) i++
      out += value[i]
      i++
    }
    i++
    return out
  }
  while (i < n) {
    while (i < n && (value[i] === ' ' || value[i] === '\t' || value[i] === ',')) i++
    if (i >= n) break
    const word = readToken()
    if (!word) {
      i++
      continue
    }
    const afterWord = i
    skipWs()
    const current = items.at(-1)
    if (value[i] === '=' && current) {
      i++
      skipWs()
      current.params[word.toLowerCase()] = value[i] === '"' ? readQuoted() : readToken()
      continue
    }
    i = afterWord
    const item: AuthItem = { scheme: word.toLowerCase(), params: {} }
    items.push(item)
    skipWs()
    const m = TOKEN68.exec(value.slice(i))
    if (m && /^\s*(,|$)/.test(value.slice(i + m[0].length))) {
      item.token = m[0]
      i += m[0].length
    }
  }
  return items
}
