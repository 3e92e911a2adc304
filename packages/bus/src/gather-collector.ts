import type { Static, TSchema } from '@sinclair/typebox'
import type { RequestContract } from '@acs/contracts'
import type { GatherOptions } from './bus.js'
import type { BusLogger } from './logger.js'
import { readReply, type ReplyOutcome } from './reply.js'

/**
 * Collects the replies of a scatter-gather until `expected` groups answered, the deadline passed
 * or the signal aborted; never rejects. An error reply counts as an answer (that group will not
 * answer again) but is left out of the result; invalid replies are dropped with a log line.
 */
export class GatherCollector<R extends TSchema> {
  /** Resolves with the valid replies once collection ends. */
  readonly done: Promise<Static<R>[]>
  private readonly replies: Static<R>[] = []
  private answered = 0
  private finished = false
  private resolve: (replies: Static<R>[]) => void = () => {}
  private readonly timer: NodeJS.Timeout
  private readonly onAbort = () => this.finish()

  constructor(
    private readonly contract: RequestContract<TSchema, R>,
    private readonly subject: string,
    private readonly options: GatherOptions,
    private readonly logger: BusLogger,
    private readonly onFinish: () => void,
  ) {
    this.done = new Promise((resolve) => (this.resolve = resolve))
    this.timer = setTimeout(() => this.finish(), options.deadlineMs)
    options.signal?.addEventListener('abort', this.onAbort, { once: true })
    if (options.signal?.aborted || options.expected === 0) this.finish()
  }

  /** Takes one responder's answer. */
  accept(outcome: ReplyOutcome): void {
    if (this.finished) return
    this.answered++
    const reply = readReply(this.contract, this.subject, outcome)
    if (reply.ok) this.replies.push(reply.value)
    else this.logger.warn({ contract: this.contract.name, subject: this.subject, err: reply.error.message }, 'bus: gather reply dropped')
    if (this.options.expected !== undefined && this.answered >= this.options.expected) this.finish()
  }

  /** Ends collection now with what arrived. */
  finish(): void {
    if (this.finished) return
    this.finished = true
    clearTimeout(this.timer)
    this.options.signal?.removeEventListener('abort', this.onAbort)
    this.onFinish()
    this.resolve(this.replies)
  }
}
