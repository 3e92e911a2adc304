import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

const INFORM_RESPONSE = Buffer.from(
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="urn:dslforum-org:cwmp-1-2">' +
    '<soap:Header><cwmp:ID soap:mustUnderstand="1">1</cwmp:ID></soap:Header>' +
    '<soap:Body><cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse></soap:Body></soap:Envelope>',
)
const INFORM_HEADERS = {
  'content-type': 'text/xml; charset="utf-8"',
  'content-length': String(INFORM_RESPONSE.length),
  'set-cookie': 'session=canned; Path=/',
}

/** A running canned-bytes ACS. */
export interface CannedAcs {
  url: string
  server: Server
  close(): Promise<void>
}

/**
 * A bare node:http server that answers any non-empty POST with a fixed InformResponse (+cookie)
 * and any empty POST with 204: the ceiling an ACS could reach, used to measure the load driver.
 */
export async function startCannedAcs(port = 0): Promise<CannedAcs> {
  const server = createServer((req, res) => {
    let bytes = 0
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length
    })
    req.on('end', () => {
      if (bytes > 0) {
        res.writeHead(200, INFORM_HEADERS)
        res.end(INFORM_RESPONSE)
      } else {
        res.writeHead(204)
        res.end()
      }
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const { port: bound } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${bound}/`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
