/** One log method, pino style: structured fields first, then the message. */
export type BusLogFn = (fields: Record<string, unknown>, message: string) => void

/** The part of a pino logger the bus uses; a pino logger fits as it is. */
export interface BusLogger {
  debug: BusLogFn
  info: BusLogFn
  warn: BusLogFn
  error: BusLogFn
}

const ignore: BusLogFn = () => {}

/** A logger that drops everything, for callers that pass none. */
export const silentLogger: BusLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore }
