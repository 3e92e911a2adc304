/** Detection of an "empty" HTTP POST body (cwmp-reference §2.2, §15). */

function isSpace(c: number | undefined): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9
}

/**
 * True when a request body carries no envelope: no bytes, only whitespace, or only a UTF-8 BOM
 * (with or without whitespace). The gateway treats such a POST as the CPE's empty POST.
 */
export function isEmptyBody(input: string | Uint8Array | null | undefined): boolean {
  if (input === null || input === undefined || input.length === 0) return true
  if (typeof input === 'string') {
    for (let i = input.charCodeAt(0) === 0xfeff ? 1 : 0; i < input.length; i++) {
      if (!isSpace(input.charCodeAt(i))) return false
    }
    return true
  }
  const start = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0
  for (let i = start; i < input.length; i++) {
    if (!isSpace(input[i])) return false
  }
  return true
}
