import { Client } from 'undici'
import { exchange, type HttpReply } from '../http/exchange.js'
import { RawHttpConnection } from '../http/raw-http-connection.js'

/** One persistent connection of the load driver; a session runs all its POSTs on one. */
export interface LoadConnection {
  post(path: string, headers: Record<string, string>, body: string, signal: AbortSignal | undefined, timeoutMs: number): Promise<HttpReply>
  /** Sends pre-encoded request bytes; only plain-http connections have it. */
  postBytes?(bytes: Buffer, signal: AbortSignal | undefined, timeoutMs: number): Promise<HttpReply>
  close(): Promise<void>
}

/**
 * Opens a load connection to `url`'s origin. Plain http uses the hand-rolled
 * {@link RawHttpConnection} (about twice the requests per CPU second of undici on this path);
 * https goes through an undici Client with pipelining 1.
 */
export function openLoadConnection(url: URL): LoadConnection {
  if (url.protocol === 'http:') {
    const port = url.port === '' ? 80 : Number(url.port)
    const host = url.hostname.replace(/^\[|\]$/g, '')
    const conn = new RawHttpConnection(host, port, url.host)
    return {
      post: (path, headers, body, signal, timeoutMs) => {
        if (!signal) return conn.request('POST', path, headers, body, timeoutMs)
        if (signal.aborted) return Promise.reject(signal.reason)
        const onAbort = (): void => conn.close()
        signal.addEventListener('abort', onAbort, { once: true })
        return conn.request('POST', path, headers, body, timeoutMs).finally(() => signal.removeEventListener('abort', onAbort))
      },
      postBytes: (bytes, signal, timeoutMs) => {
        if (!signal) return conn.requestBytes(bytes, timeoutMs)
        if (signal.aborted) return Promise.reject(signal.reason)
        const onAbort = (): void => conn.close()
        signal.addEventListener('abort', onAbort, { once: true })
        return conn.requestBytes(bytes, timeoutMs).finally(() => signal.removeEventListener('abort', onAbort))
      },
      close: async () => conn.close(),
    }
  }
  const client = new Client(url.origin, { pipelining: 1, keepAliveTimeout: 60_000 })
  return {
    post: (path, headers, body, signal, timeoutMs) => exchange(client, { method: 'POST', path, headers, body, signal, timeoutMs }),
    close: () => client.close(),
  }
}
