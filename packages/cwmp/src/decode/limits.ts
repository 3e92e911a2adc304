/** Input bounds of the decoder and their defaults. */

/** Limits applied before and while parsing; exceeding one gives CwmpParseError 8004. */
export interface DecodeOptions {
  /** Maximum body size: bytes for a Uint8Array, UTF-16 code units for a string. Default 4 MiB. */
  maxBytes?: number
  /** Maximum element nesting depth (the Envelope is depth 1). Default 32. */
  maxDepth?: number
  /** Maximum number of elements in the document. Default 200 000. */
  maxElements?: number
}

/** The limits with every default filled in. */
export type DecodeLimits = Required<DecodeOptions>

/** Default limits: a 590 KB GetParameterNamesResponse of ~10 000 elements fits with room to spare. */
export const DEFAULT_LIMITS: DecodeLimits = { maxBytes: 4 * 1024 * 1024, maxDepth: 32, maxElements: 200_000 }

/** Fills in defaults. */
export function resolveLimits(options: DecodeOptions | undefined): DecodeLimits {
  if (options === undefined) return DEFAULT_LIMITS
  return {
    maxBytes: options.maxBytes ?? DEFAULT_LIMITS.maxBytes,
    maxDepth: options.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxElements: options.maxElements ?? DEFAULT_LIMITS.maxElements,
  }
}
