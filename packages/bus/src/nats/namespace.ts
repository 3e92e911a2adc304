/**
 * Isolates one deployment (or one test file) from another on the same NATS server: subjects get
 * a `<ns>.` prefix on the wire, streams, consumers and KV buckets a `<ns>_` prefix.
 */
export class Namespace {
  constructor(readonly ns: string) {
    if (!/^[A-Za-z0-9_-]*$/.test(ns)) throw new Error(`invalid bus namespace ${JSON.stringify(ns)}: use [A-Za-z0-9_-]`)
  }

  /** Logical subject (or filter) → wire subject. */
  subject(logical: string): string {
    return this.ns ? `${this.ns}.${logical}` : logical
  }

  /** Wire subject → logical subject. */
  strip(wire: string): string {
    return this.ns && wire.startsWith(`${this.ns}.`) ? wire.slice(this.ns.length + 1) : wire
  }

  /** Logical stream, consumer or bucket name → server-side name. */
  name(logical: string): string {
    return this.ns ? `${this.ns}_${logical}` : logical
  }
}
