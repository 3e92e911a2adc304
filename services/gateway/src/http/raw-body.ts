import type { IncomingHttpHeaders } from 'node:http'
import type { Readable } from 'node:stream'
import { promisify } from 'node:util'
import { gunzip, inflate, inflateRaw } from 'node:zlib'

const gunzipAsync = promisify(gunzip)
const inflateAsync = promisify(inflate)
const inflateRawAsync = promisify(inflateRaw)

/** An HTTP-level refusal of a request body; `statusCode` is what Fastify answers. */
export class BodyError extends Error {
  readonly code = 'ACS_ERR_GATEWAY_BODY'
  constructor(
    message: string,
    readonly statusCode: 400 | 413 | 415,
  ) {
    super(message)
    this.name = 'BodyError'
  }
}

/**
 * Reads a whole request body (chunked or not) up to `limit` bytes, then undoes
 * Content-Encoding gzip/deflate (§2.2, HTTP compression of Amd 5) with the same limit on the
 * decompressed size, so neither a huge upload nor a compression bomb gets through.
 */
export async function readRawBody(stream: Readable, headers: IncomingHttpHeaders, limit: number): Promise<Buffer> {
  const declared = Number(headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) {
    stream.resume()
    throw new BodyError(`body of ${declared} bytes exceeds the limit of ${limit}`, 413)
  }
  const raw = await collect(stream, limit)
  const encoding = (headers['content-encoding'] ?? 'identity').trim().toLowerCase()
  if (encoding === 'identity' || encoding === '' || raw.length === 0) return raw
  const options = { maxOutputLength: limit }
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return await gunzipAsync(raw, options)
    if (encoding === 'deflate') {
      // "deflate" should be zlib-wrapped (RFC 9110), but some clients send raw DEFLATE.
      return (raw[0]! & 0x0f) === 8 ? await inflateAsync(raw, options) : await inflateRawAsync(raw, options)
    }
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new BodyError(`decompressed body exceeds the limit of ${limit} bytes`, 413)
    }
    throw new BodyError(`body is not valid ${encoding}`, 400)
  }
  throw new BodyError(`Content-Encoding ${encoding} is not supported (gzip, deflate)`, 415)
}

/**
 * The body's bytes, at most `limit` of them. Plain 'data'/'end' listeners rather than `for await`:
 * this runs for every CWMP POST, and the async-iterator machinery cost more than the copy. The
 * listeners are never removed (the request is garbage once answered): `finish` settles once and
 * turns late events into no-ops.
 */
function collect(stream: Readable, limit: number): Promise<Buffer> {
  if (stream.readableEnded) return Promise.resolve(Buffer.alloc(0))
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const finish = (error: Error | null) => {
      if (settled) return
      settled = true
      if (error) reject(error)
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size))
    }
    stream.on('data', (chunk: Buffer) => {
      if (settled) return
      size += chunk.length
      if (size > limit) {
        finish(new BodyError(`body exceeds the limit of ${limit} bytes`, 413))
        stream.resume()
        return
      }
      chunks.push(chunk)
    })
    stream.on('end', () => finish(null))
    stream.on('error', finish)
    // 'close' also follows every complete body: build the Error (a stack capture) only when it is news.
    stream.on('close', () => {
      if (!settled) finish(new Error('the client closed the connection before the body ended'))
    })
  })
}
