const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

/** Encodes a payload for the wire (JSON, UTF-8). */
export function encodePayload(payload: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(payload))
}

/** The result of parsing bytes from the wire: JSON data, or why it is not JSON. */
export type Parsed = { ok: true; data: unknown } | { ok: false; error: string }

/** Parses bytes from the wire; never throws. */
export function parsePayload(bytes: Uint8Array): Parsed {
  try {
    return { ok: true, data: JSON.parse(decoder.decode(bytes)) as unknown }
  } catch (err) {
    return { ok: false, error: `not JSON: ${err instanceof Error ? err.message : String(err)}` }
  }
}
