import { describe, expect, it } from 'vitest'
import { CwmpParseError, decodeEnvelope, type CwmpBody } from '@acs/cwmp'
import { corpusAvailable, corpusEntries, corpusFile, type CorpusEntry } from './support/corpus.js'

const available = corpusAvailable()
const entries: CorpusEntry[] = available ? corpusEntries() : []

/** Occurrences of start tags with local name `name` in raw XML, counted without any XML parser. */
function countTags(xml: string, name: string): number {
  return xml.match(new RegExp(`<(?:[\\w.-]+:)?${name}[\\s/>]`, 'g'))?.length ?? 0
}

/** The text of every `<Name>` element, in document order, read with a regex. */
function rawNames(xml: string): string[] {
  return [...xml.matchAll(/<(?:[\w.-]+:)?Name>([^<]*)<\/(?:[\w.-]+:)?Name>/g)].map((m) => m[1] ?? '')
}

/** Names of the parameters a body lists, whatever its list type. */
function decodedNames(body: CwmpBody): string[] {
  return 'parameterList' in body ? body.parameterList.map((p) => p.name) : []
}

function strings(body: CwmpBody): number {
  if (body.method === 'GetRPCMethodsResponse') return body.methodList.length
  if (body.method === 'GetParameterValues' || body.method === 'GetParameterAttributes') return body.parameterNames.length
  if (body.method === 'GetParameterAttributesResponse') return body.parameterList.reduce((n, p) => n + p.accessList.length, 0)
  return 0
}

describe.skipIf(!available)('the shared CWMP corpus', () => {
  const wellFormed = entries.filter((e) => e.well_formed)
  const malformed = entries.filter((e) => !e.well_formed)

  it.each(wellFormed.map((e) => [e.path, e] as const))('decodes %s to the manifest message type', (_path, entry) => {
    const { body } = decodeEnvelope(corpusFile(entry))
    const expected = entry.message_types[0] ?? ''
    const fault = /^Fault\((\d+)\)$/.exec(expected)
    if (fault !== null) {
      expect(body.method).toBe('Fault')
      expect(body.method === 'Fault' && body.detail.faultCode).toBe(Number(fault[1]))
    } else {
      expect(body.method).toBe(expected)
    }
  })

  it.each(wellFormed.map((e) => [e.path, e] as const))('keeps every list entry of %s', (_path, entry) => {
    const xml = corpusFile(entry).toString('utf8')
    const { body } = decodeEnvelope(xml)
    const listed =
      countTags(xml, 'ParameterValueStruct') + countTags(xml, 'ParameterInfoStruct') + countTags(xml, 'ParameterAttributeStruct')
    expect(decodedNames(body)).toHaveLength(listed)
    expect(decodedNames(body)).toEqual(rawNames(xml))
    expect(strings(body)).toBe(countTags(xml, 'string'))
  })

  it.each(wellFormed.map((e) => [e.path, e] as const))('reads the manifest event codes of %s', (_path, entry) => {
    const xml = corpusFile(entry).toString('utf8')
    const { body } = decodeEnvelope(xml)
    const events = body.method === 'Inform' ? body.events.map((e) => e.eventCode) : []
    expect(events).toEqual(entry.event_codes)
    expect(events).toHaveLength(countTags(xml, 'EventStruct'))
  })

  it.runIf(malformed.length > 0).each(malformed.map((e) => [e.path, e] as const))('rejects malformed %s with a CwmpParseError', (_path, entry) => {
    expect(() => decodeEnvelope(corpusFile(entry))).toThrow(CwmpParseError)
  })
})
