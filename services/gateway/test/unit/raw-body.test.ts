import { Readable } from 'node:stream'
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { BodyError, readRawBody } from '../../src/http/raw-body.js'

const stream = (...chunks: Buffer[]) => Readable.from(chunks)
const xml = Buffer.from('<soap:Envelope/>')

describe('raw body reading', () => {
  it('joins a chunked body', async () => {
    expect((await readRawBody(stream(Buffer.from('ab'), Buffer.from('cd')), {}, 100)).toString()).toBe('abcd')
  })

  it('undoes gzip', async () => {
    expect(await readRawBody(stream(gzipSync(xml)), { 'content-encoding': 'gzip' }, 100)).toEqual(xml)
  })

  it('undoes zlib deflate and raw deflate', async () => {
    expect(await readRawBody(stream(deflateSync(xml)), { 'content-encoding': 'deflate' }, 100)).toEqual(xml)
    expect(await readRawBody(stream(deflateRawSync(xml)), { 'content-encoding': 'deflate' }, 100)).toEqual(xml)
  })

  it('refuses a declared length over the limit with 413', async () => {
    await expect(readRawBody(stream(Buffer.alloc(10)), { 'content-length': '101' }, 100)).rejects.toMatchObject({ statusCode: 413 })
  })

  it('refuses a streamed body over the limit with 413', async () => {
    await expect(readRawBody(stream(Buffer.alloc(60), Buffer.alloc(60)), {}, 100)).rejects.toMatchObject({ statusCode: 413 })
  })

  it('refuses a compression bomb with 413', async () => {
    const bomb = gzipSync(Buffer.alloc(1_000_000))
    await expect(readRawBody(stream(bomb), { 'content-encoding': 'gzip' }, 10_000)).rejects.toMatchObject({ statusCode: 413 })
  })

  it('refuses an unknown encoding with 415', async () => {
    await expect(readRawBody(stream(xml), { 'content-encoding': 'br' }, 100)).rejects.toBeInstanceOf(BodyError)
  })

  it('fails, instead of waiting forever, when the client goes away before the body ends', async () => {
    const body = new Readable({ read() {} })
    body.push(Buffer.from('<soap:Env'))
    const reading = readRawBody(body, {}, 100)
    body.destroy()
    await expect(reading).rejects.toThrow(/closed the connection/)
  })

  it('passes a stream error on', async () => {
    const body = new Readable({ read() {} })
    const reading = readRawBody(body, {}, 100)
    body.destroy(new Error('ECONNRESET'))
    await expect(reading).rejects.toThrow('ECONNRESET')
  })

  it('refuses corrupt gzip with 400', async () => {
    await expect(readRawBody(stream(Buffer.from('not gzip')), { 'content-encoding': 'gzip' }, 100)).rejects.toMatchObject({ statusCode: 400 })
  })
})
