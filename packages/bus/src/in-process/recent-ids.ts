/**
 * Message ids seen within a time window (JetStream's duplicate window), expired oldest first.
 * The ids sit in a Set and, in arrival order, in an array consumed from the front: expiring is
 * O(1) per id. (Expiring by iterating a Map from its start stepped over every entry deleted since
 * its last rehash: with a two-minute window at a few thousand messages a second, tens of
 * microseconds per publish.)
 */
export class RecentIds {
  private readonly ids = new Set<string>()
  // Two parallel arrays rather than one of {id, at}: no object per id, and the times stay unboxed.
  private orderIds: string[] = []
  private orderAts: number[] = []
  private head = 0

  constructor(private readonly windowMs: number) {}

  /** Records `id` seen at `now`; false if it was already seen within the window. */
  add(id: string, now: number): boolean {
    this.expire(now)
    if (this.ids.has(id)) return false
    this.ids.add(id)
    this.orderIds.push(id)
    this.orderAts.push(now)
    return true
  }

  private expire(now: number): void {
    const ids = this.orderIds
    const ats = this.orderAts
    while (this.head < ids.length && now - (ats[this.head] as number) >= this.windowMs) {
      this.ids.delete(ids[this.head] as string)
      this.head++
    }
    if (this.head > 1024 && this.head * 2 > ids.length) {
      this.orderIds = ids.slice(this.head)
      this.orderAts = ats.slice(this.head)
      this.head = 0
    }
  }
}
