import { subjectMatches } from '../subject-match.js'
import type { TraceHeaders } from '../trace.js'
import { MessageLog } from './message-log.js'
import { RecentIds } from './recent-ids.js'

/**
 * A message held by an in-process stream. The payload is kept as JSON text, as JetStream keeps
 * bytes: consumers get what a NATS consumer would, and a retained message is one string for the
 * garbage collector to move instead of a graph of small objects.
 */
export interface StoredMessage {
  seq: number
  subject: string
  payload: string
  headers: TraceHeaders
  storedAt: number
}

/** Settings of one in-process stream (from the contracts catalog). */
export interface MemoryStreamConfig {
  name: string
  subjects: readonly string[]
  workQueue: boolean
  maxAgeMs: number
  /** Beyond this many messages, the oldest ones every durable has finished are dropped. */
  maxMessages: number
  duplicateWindowMs: number
}

/** What the stream needs to know about its durables to decide what it may drop. */
export interface StreamReader {
  readonly filter: string
  /** True if this durable will never need message `seq` again. */
  isDone(seq: number): boolean
}

/**
 * An in-memory JetStream stream: ordered by sequence, deduplicated by message id within the
 * duplicate window, pruned by age and (past `maxMessages`) of messages every durable finished.
 * Work-queue streams drop a message as soon as its consumer acknowledged it.
 */
export class MemoryStream {
  readonly messages = new MessageLog()
  lastSeq = 0
  private readonly recentIds: RecentIds
  private readonly readers = new Set<StreamReader>()

  constructor(
    readonly config: MemoryStreamConfig,
    private readonly now: () => number,
  ) {
    this.recentIds = new RecentIds(config.duplicateWindowMs)
  }

  /** True if this stream stores messages published on `subject`. */
  captures(subject: string): boolean {
    return this.config.subjects.some((filter) => subjectMatches(filter, subject))
  }

  /** Stores a message; returns it, or null when `msgId` was seen within the duplicate window. */
  append(subject: string, payload: string, headers: TraceHeaders, msgId: string | undefined): StoredMessage | null {
    const now = this.now()
    if (msgId !== undefined && !this.recentIds.add(msgId, now)) return null
    const message = { seq: ++this.lastSeq, subject, payload, headers, storedAt: now }
    this.messages.push(message)
    this.prune()
    return message
  }

  /** Lowest sequence still stored (or the next one if the stream is empty). */
  firstSeq(): number {
    return this.messages.first()?.seq ?? this.lastSeq + 1
  }

  /** Registers a durable so pruning waits for it. */
  addReader(reader: StreamReader): void {
    this.readers.add(reader)
  }

  /** A consumer acknowledged (or terminated) `seq`. */
  settled(seq: number): void {
    if (this.config.workQueue) this.messages.delete(seq)
  }

  /** Drops expired messages, then old finished ones while the stream is over its size limit. */
  prune(): void {
    const now = this.now()
    for (let message = this.messages.first(); message !== undefined; message = this.messages.first()) {
      const expired = now - message.storedAt >= this.config.maxAgeMs
      const surplus = this.messages.size > this.config.maxMessages && this.finishedByAll(message)
      if (!expired && !surplus) break
      this.messages.delete(message.seq)
    }
  }

  private finishedByAll(message: StoredMessage): boolean {
    for (const reader of this.readers) {
      if (subjectMatches(reader.filter, message.subject) && !reader.isDone(message.seq)) return false
    }
    return true
  }
}
