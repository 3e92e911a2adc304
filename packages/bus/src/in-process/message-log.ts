import type { StoredMessage } from './memory-stream.js'

/**
 * A stream's messages by sequence number. Sequences are consecutive, so they index an array;
 * dropping the oldest message is O(1). (A Map iterated from its start for the oldest entry had to
 * step over every entry deleted since its last rehash: hundreds per publish on a busy stream.)
 */
export class MessageLog {
  private slots: (StoredMessage | undefined)[] = []
  /** Index of the first slot that may still hold a message. */
  private head = 0
  /** Sequence number of slots[0]. */
  private base = 1
  private count = 0

  get size(): number {
    return this.count
  }

  get(seq: number): StoredMessage | undefined {
    const i = seq - this.base
    return i >= this.head && i < this.slots.length ? this.slots[i] : undefined
  }

  /** Appends the message with the next sequence number. */
  push(message: StoredMessage): void {
    if (this.count === 0) {
      this.slots = []
      this.head = 0
      this.base = message.seq
    } else if (message.seq !== this.base + this.slots.length) {
      throw new Error(`message ${message.seq} is not the next in sequence (${this.base + this.slots.length})`)
    }
    this.slots.push(message)
    this.count++
  }

  /** The stored message with the lowest sequence number. */
  first(): StoredMessage | undefined {
    return this.count === 0 ? undefined : this.slots[this.head]
  }

  delete(seq: number): void {
    const i = seq - this.base
    if (i < this.head || i >= this.slots.length || this.slots[i] === undefined) return
    this.slots[i] = undefined
    this.count--
    while (this.head < this.slots.length && this.slots[this.head] === undefined) this.head++
    // Drop the dead prefix now and then: amortised O(1), and the array does not grow forever.
    if (this.head > 1024 && this.head * 2 > this.slots.length) {
      this.slots = this.slots.slice(this.head)
      this.base += this.head
      this.head = 0
    }
  }
}
