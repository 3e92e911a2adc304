/** CWMP version inference and negotiation (cwmp-reference §2.9). */
import { CWMP_VERSIONS, type CwmpNamespace, type CwmpVersion } from './types.js'

const NAMESPACE_VERSION: Readonly<Record<CwmpNamespace, CwmpVersion>> = {
  'urn:dslforum-org:cwmp-1-0': '1.0',
  'urn:dslforum-org:cwmp-1-1': '1.1',
  'urn:dslforum-org:cwmp-1-2': '1.2',
}

/** The version a namespace implies when the CPE sent no SupportedCWMPVersions (1-2 covers 1.2-1.4; 1.2 is assumed). */
export function versionFromNamespace(namespace: CwmpNamespace): CwmpVersion {
  return NAMESPACE_VERSION[namespace]
}

/** Result of version negotiation: the version for the session and whether to send `UseCWMPVersion`. */
export interface NegotiatedVersion {
  version: CwmpVersion
  useCwmpVersionHeader: boolean
}

const knownVersions: ReadonlySet<string> = new Set(CWMP_VERSIONS)

/**
 * Picks the session's version per §2.9. With a SupportedCWMPVersions list (1.4 CPEs) the highest
 * version both sides support is chosen and `UseCWMPVersion` must be sent; null means none is
 * shared and the Inform is answered with fault 8006. Without a list (or an empty one) the
 * namespace decides and no header is sent. The namespace itself never changes.
 */
export function negotiateVersion(namespace: CwmpNamespace, supported?: readonly string[]): NegotiatedVersion | null {
  const offered = (supported ?? []).map((v) => v.trim()).filter((v) => v.length > 0)
  if (offered.length === 0) return { version: versionFromNamespace(namespace), useCwmpVersionHeader: false }
  let best: CwmpVersion | undefined
  for (const v of offered) {
    if (knownVersions.has(v) && (best === undefined || v > best)) best = v as CwmpVersion
  }
  return best === undefined ? null : { version: best, useCwmpVersionHeader: true }
}
