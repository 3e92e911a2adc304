const STAR = 42
const GT = 62

/**
 * True if `subject` (no wildcards) matches the NATS `filter` (`*` = one token, `>` = the rest).
 * Walks both strings token by token without splitting them: it runs for every message and
 * consumer of the in-process bus.
 */
export function subjectMatches(filter: string, subject: string): boolean {
  let fi = 0
  let si = 0
  for (;;) {
    const fDot = filter.indexOf('.', fi)
    const fEnd = fDot < 0 ? filter.length : fDot
    const fLen = fEnd - fi
    const wildcard = fLen === 1 ? filter.charCodeAt(fi) : 0
    // si === subject.length + 1 once the subject's last token has been consumed.
    if (wildcard === GT) return si <= subject.length
    if (si > subject.length) return false
    const sDot = subject.indexOf('.', si)
    const sEnd = sDot < 0 ? subject.length : sDot
    if (wildcard !== STAR) {
      if (sEnd - si !== fLen) return false
      for (let k = 0; k < fLen; k++) if (filter.charCodeAt(fi + k) !== subject.charCodeAt(si + k)) return false
    }
    if (fDot < 0) return sDot < 0
    fi = fDot + 1
    si = sDot < 0 ? subject.length + 1 : sDot + 1
  }
}

/** True if some subject matches both NATS filters. */
export function filtersOverlap(a: string, b: string): boolean {
  const x = a.split('.')
  const y = b.split('.')
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] === '>' || y[i] === '>') return i < x.length && i < y.length
    if (x[i] === undefined || y[i] === undefined) return false
    if (x[i] !== '*' && y[i] !== '*' && x[i] !== y[i]) return false
  }
  return true
}

/** True if every subject matching `inner` also matches `outer` (a consumer filter stays inside its contract). */
export function filterWithin(inner: string, outer: string): boolean {
  const x = inner.split('.')
  const y = outer.split('.')
  for (let i = 0; i < x.length; i++) {
    if (y[i] === '>') return true
    if (y[i] === undefined || x[i] === '>') return false
    if (y[i] !== '*' && x[i] !== y[i]) return false
  }
  return x.length === y.length
}
