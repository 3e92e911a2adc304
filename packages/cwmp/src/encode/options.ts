/** Encoder options. */

/** How the encoder writes its output. */
export interface EncodeOptions {
  /** Start with `<?xml version="1.0" encoding="UTF-8"?>`. Default true. */
  xmlDeclaration?: boolean
  /** Booleans as `true`/`false` (default) or `1`/`0` for CPEs that need digits (§3.3). */
  booleans?: 'words' | 'digits'
}

/** Options with defaults filled in. */
export interface EncodeSettings {
  readonly xmlDeclaration: boolean
  readonly trueText: string
  readonly falseText: string
}

const DEFAULT_SETTINGS: EncodeSettings = { xmlDeclaration: true, trueText: 'true', falseText: 'false' }

/** Fills in defaults. */
export function resolveEncodeOptions(options: EncodeOptions | undefined): EncodeSettings {
  if (options === undefined) return DEFAULT_SETTINGS
  const digits = options.booleans === 'digits'
  return {
    xmlDeclaration: options.xmlDeclaration ?? true,
    trueText: digits ? '1' : 'true',
    falseText: digits ? '0' : 'false',
  }
}
