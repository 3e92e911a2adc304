import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node'
import type { TraceHeaders } from '../trace.js'

/** Copies trace headers into fresh NATS message headers. */
export function toNatsHeaders(trace: TraceHeaders, status?: { code: number; description: string }): MsgHdrs {
  const h = status ? natsHeaders(status.code, status.description) : natsHeaders()
  for (const [k, v] of Object.entries(trace)) h.set(k, v)
  return h
}

/** Reads NATS message headers into a plain record (first value of each key). */
export function fromNatsHeaders(h: MsgHdrs | undefined): TraceHeaders {
  const out: TraceHeaders = {}
  if (!h) return out
  for (const k of h.keys()) out[k.toLowerCase()] = h.get(k)
  return out
}
