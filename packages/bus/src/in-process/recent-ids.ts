/**
 * Message ids seen within a time window (JetStream's duplicate window), expired oldest first.
 * The ids sit in a Set and, in arrival order, in an array consumed from the front: expiring is
 * O(1) per id. (Expiring by iterating a Map from its start stepped over every entry deleted since
 * its last rehash: with a two-minute window at a few thousand messages a second, tens of
 * microseconds per publish.)
 */
export class RecentIds {
  private readonly ids = new Set<string>()
  private order: { id: string; at: number }[] = []
  private head = 0

  constructor(private readonly windowMs: number) {}

  /** Records `id` seen at `now`; false if it was already seen within the window. */
  add(id: string, now: number): boolean {
    this.expire(now)
    if (this.ids.has(id)) return false
    this.ids.add(id)
    this.order.push({ id, at: now })
    return true
  }

  private expire(now: number): void {
    const order = this.order
    while (this.head < order.length) {
      const oldest = order[this.head] as { id: string; at: number }
      if (now - oldest.at < this.windowMs) break
      this.ids.delete(oldest.id)
      this.head++
    }
    if (this.head > 1024 && this.head * 2 > order.length) {
      this.order = order.slice(this.head)
      this.head = 0
    }
  }
}
