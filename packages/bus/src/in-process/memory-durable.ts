import type { RawDelivery } from '../delivery.js'
import type { BusLogger } from '../logger.js'
import { subjectMatches } from '../subject-match.js'
import type { MemoryStream, StoredMessage, StreamReader } from './memory-stream.js'

/** Settings of a durable that may change when a consumer re-attaches (as on JetStream). */
export interface DurableSettings {
  filter: string
  ackWaitMs: number
  maxDeliver: number
}

/** One consume() call attached to a durable: a handler and how many messages it may hold. */
export interface MemorySubscriber {
  readonly capacity: number
  inFlight: number
  /** Processes one delivery and settles it through the RawDelivery callbacks. */
  run(raw: RawDelivery): Promise<void>
}

interface Pending {
  seq: number
  deliveries: number
  state: 'in-flight' | 'waiting' | 'ready'
  /** Bumped on each delivery, so a settle from an older delivery cannot nak a newer one. */
  generation: number
  timer?: NodeJS.Timeout
}

/**
 * An in-process durable consumer: a cursor into its stream plus the messages delivered but not yet
 * acknowledged. Every subscriber attached to it shares the work; each message goes to one of them,
 * again after a nak delay or an expired ack wait, until it is acked or terminated.
 */
export class MemoryDurable implements StreamReader {
  private cursor: number
  private readonly pending = new Map<number, Pending>()
  private readonly subscribers: MemorySubscriber[] = []
  private turn = 0
  private closed = false

  constructor(
    readonly name: string,
    private readonly stream: MemoryStream,
    private settings: DurableSettings,
    readonly newOnly: boolean,
    private readonly logger: BusLogger,
  ) {
    this.cursor = newOnly ? stream.lastSeq + 1 : stream.firstSeq()
    stream.addReader(this)
  }

  /** Current subject filter. */
  get filter(): string {
    return this.settings.filter
  }

  /** True if this durable will never need message `seq` again. */
  isDone(seq: number): boolean {
    return seq < this.cursor && !this.pending.has(seq)
  }

  /** Applies new settings, as re-creating a JetStream durable with another config updates it. */
  update(settings: DurableSettings): void {
    this.settings = settings
  }

  /** Attaches a subscriber; returns the function that detaches it. */
  attach(subscriber: MemorySubscriber): () => void {
    this.subscribers.push(subscriber)
    this.pump()
    return () => {
      const i = this.subscribers.indexOf(subscriber)
      if (i >= 0) this.subscribers.splice(i, 1)
    }
  }

  /** Hands deliverable messages to subscribers with free capacity. */
  pump(): void {
    while (!this.closed) {
      const subscriber = this.nextSubscriber()
      if (!subscriber) return
      const next = this.takeNext()
      if (!next) return
      this.deliver(subscriber, next.entry, next.message)
    }
  }

  /** Cancels every timer; nothing is delivered afterwards. */
  close(): void {
    this.closed = true
    for (const entry of this.pending.values()) clearTimeout(entry.timer)
  }

  private nextSubscriber(): MemorySubscriber | undefined {
    for (let i = 0; i < this.subscribers.length; i++) {
      const s = this.subscribers[(this.turn + i) % this.subscribers.length]
      if (s && s.inFlight < s.capacity) {
        this.turn = (this.turn + i + 1) % this.subscribers.length
        return s
      }
    }
    return undefined
  }

  private takeNext(): { entry: Pending; message: StoredMessage } | undefined {
    for (const entry of this.pending.values()) {
      if (entry.state !== 'ready') continue
      const message = this.stream.messages.get(entry.seq)
      if (message) return { entry, message }
      this.pending.delete(entry.seq)
    }
    while (this.cursor <= this.stream.lastSeq) {
      const message = this.stream.messages.get(this.cursor++)
      if (message && subjectMatches(this.settings.filter, message.subject)) {
        const entry: Pending = { seq: message.seq, deliveries: 0, state: 'ready', generation: 0 }
        this.pending.set(message.seq, entry)
        return { entry, message }
      }
    }
    return undefined
  }

  private deliver(subscriber: MemorySubscriber, entry: Pending, message: StoredMessage): void {
    entry.deliveries++
    entry.generation++
    entry.state = 'in-flight'
    const generation = entry.generation
    const current = () => this.pending.get(entry.seq) === entry && entry.generation === generation
    this.armAckWait(entry)
    const raw: RawDelivery = {
      subject: message.subject,
      parsed: { ok: true, data: JSON.parse(message.payload) as unknown },
      headers: { ...message.headers },
      deliveryCount: entry.deliveries,
      // A late ack or term still settles the message, as on JetStream.
      ack: () => this.finish(entry),
      term: () => this.finish(entry),
      nak: (delayMs) => {
        if (!current()) return
        clearTimeout(entry.timer)
        entry.state = 'waiting'
        entry.timer = setTimeout(() => this.makeReady(entry), delayMs).unref()
      },
      working: () => {
        if (current() && entry.state === 'in-flight') this.armAckWait(entry)
      },
    }
    subscriber.inFlight++
    // Deliver on a later turn of the event loop, never inside the publisher's call.
    setImmediate(() => {
      void subscriber.run(raw).finally(() => {
        subscriber.inFlight--
        this.pump()
      })
    })
  }

  private armAckWait(entry: Pending): void {
    clearTimeout(entry.timer)
    entry.timer = setTimeout(() => {
      if (entry.deliveries >= this.settings.maxDeliver) {
        this.logger.error({ durable: this.name, seq: entry.seq }, 'bus: ack wait expired on the last allowed delivery; message dropped')
        this.finish(entry)
        return
      }
      this.makeReady(entry)
    }, this.settings.ackWaitMs).unref()
  }

  private makeReady(entry: Pending): void {
    if (this.pending.get(entry.seq) !== entry) return
    entry.state = 'ready'
    this.pump()
  }

  private finish(entry: Pending): void {
    if (this.pending.get(entry.seq) !== entry) return
    clearTimeout(entry.timer)
    this.pending.delete(entry.seq)
    this.stream.settled(entry.seq)
  }
}
