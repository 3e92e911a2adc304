/** True if `subject` (no wildcards) matches the NATS `filter` (`*` = one token, `>` = the rest). */
export function subjectMatches(filter: string, subject: string): boolean {
  const f = filter.split('.')
  const s = subject.split('.')
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return s.length > i
    if (i >= s.length) return false
    if (f[i] !== '*' && f[i] !== s[i]) return false
  }
  return f.length === s.length
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
