/**
 * Codec throughput: typed decode vs fast-xml-parser's bare parse of the same text, and
 * encode costs, with the targets of packages/cwmp (decode <= 1.3x bare parse; building an
 * InformResponse or a 20-parameter SetParameterValues <= 0.1x the bare parse of a
 * 20-parameter Inform; the decoder's own tree builder alone <= 1/3 of the bare parse).
 * Cases are interleaved round by round so machine noise hits all of them alike; each figure
 * is the median over rounds.
 */
import { XMLParser } from 'fast-xml-parser'
import { DEFAULT_LIMITS, decodeEnvelope, encodeEnvelope, type Envelope, type ParameterValue } from '@acs/cwmp'
// The builder is internal to @acs/cwmp; the bench measures it alone, so it reaches into the source.
import { buildXmlTree } from '../packages/cwmp/src/decode/xml-tree-builder.js'

const ROUNDS = 12
const SLICE_MS = 250
const WARMUP_MS = 600

function parameters(count: number): ParameterValue[] {
  const out: ParameterValue[] = []
  for (let i = 0; i < count; i++) {
    const n = (i % 8) + 1
    switch (i % 4) {
      case 0:
        out.push({ name: `Device.WiFi.SSID.${n}.Stats.BytesSent`, value: String(1_000_000 + i * 7919), type: 'xsd:unsignedLong' })
        break
      case 1:
        out.push({ name: `Device.WiFi.SSID.${n}.SSID`, value: `home-net & guests ${i}`, type: 'xsd:string' })
        break
      case 2:
        out.push({ name: `Device.IP.Interface.${n}.Enable`, value: i % 3 === 0 ? 'true' : 'false', type: 'xsd:boolean' })
        break
      default:
        out.push({ name: `Device.DeviceInfo.X_EXAMPLE_Uptime${i}`, value: '2025-03-01T10:00:00Z', type: 'xsd:dateTime' })
    }
  }
  return out
}

const informEnvelope: Envelope = {
  namespace: 'urn:dslforum-org:cwmp-1-2',
  header: { id: '1001', supportedCwmpVersions: ['1.0', '1.1', '1.2', '1.3', '1.4'] },
  body: {
    method: 'Inform',
    deviceId: { manufacturer: 'ExampleCo', oui: '00AABB', productClass: 'HGW-9', serialNumber: 'SN0001' },
    events: [{ eventCode: '1 BOOT', commandKey: '' }, { eventCode: 'M Reboot', commandKey: 'reboot-42' }],
    maxEnvelopes: 1,
    currentTime: '2025-03-01T10:00:00Z',
    retryCount: 0,
    parameterList: parameters(20),
  },
}
const gpvEnvelope: Envelope = {
  namespace: 'urn:dslforum-org:cwmp-1-2',
  header: { id: 'q-0002' },
  body: { method: 'GetParameterValuesResponse', parameterList: parameters(500) },
}
const informResponse: Envelope = {
  namespace: 'urn:dslforum-org:cwmp-1-2',
  header: { id: '1001', useCwmpVersion: '1.4' },
  body: { method: 'InformResponse', maxEnvelopes: 1 },
}
const spv20: Envelope = {
  namespace: 'urn:dslforum-org:cwmp-1-2',
  header: { id: 'q-0003' },
  body: { method: 'SetParameterValues', parameterList: parameters(20), parameterKey: 'cfg-r17' },
}

const informXml = encodeEnvelope(informEnvelope)
const gpvXml = encodeEnvelope(gpvEnvelope)
const informBytes = Buffer.from(informXml)
const bare = new XMLParser()
let sink = 0

interface Case {
  name: string
  run: () => void
  rates: number[]
}
const cases: Case[] = [
  { name: 'bare parse  Inform(20)', run: () => { sink += bare.parse(informXml) === undefined ? 0 : 1 } },
  { name: 'decode      Inform(20)', run: () => { sink += decodeEnvelope(informXml).header.id?.length ?? 0 } },
  { name: 'decode      Inform(20) bytes', run: () => { sink += decodeEnvelope(informBytes).header.id?.length ?? 0 } },
  { name: 'tree build  Inform(20)', run: () => { sink += buildXmlTree(informXml, DEFAULT_LIMITS).length } },
  { name: 'bare parse  GPVResponse(500)', run: () => { sink += bare.parse(gpvXml) === undefined ? 0 : 1 } },
  { name: 'decode      GPVResponse(500)', run: () => { sink += decodeEnvelope(gpvXml).header.id?.length ?? 0 } },
  { name: 'tree build  GPVResponse(500)', run: () => { sink += buildXmlTree(gpvXml, DEFAULT_LIMITS).length } },
  { name: 'encode      Inform(20)', run: () => { sink += encodeEnvelope(informEnvelope).length } },
  { name: 'encode      GPVResponse(500)', run: () => { sink += encodeEnvelope(gpvEnvelope).length } },
  { name: 'encode      InformResponse', run: () => { sink += encodeEnvelope(informResponse).length } },
  { name: 'encode      SPV(20)', run: () => { sink += encodeEnvelope(spv20).length } },
].map((c) => ({ ...c, rates: [] }))

/** Runs `fn` in batches for about `ms` milliseconds; returns operations per second. */
function measure(fn: () => void, ms: number): number {
  let ops = 0
  let batch = 1
  const start = performance.now()
  let elapsed = 0
  while (elapsed < ms) {
    for (let i = 0; i < batch; i++) fn()
    ops += batch
    elapsed = performance.now() - start
    if (elapsed < ms / 20) batch *= 2
  }
  return (ops / elapsed) * 1000
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

for (const c of cases) measure(c.run, WARMUP_MS)
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? cases : [...cases].reverse()
  for (const c of order) c.rates.push(measure(c.run, SLICE_MS))
}

const ratesOf = (name: string): number[] => cases.find((c) => c.name === name)?.rates ?? []
const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 0 })

/** Time ratio a/b per round (rounds measure both cases close together), then the median. */
function pairedRatio(slow: string, fast: string): number {
  const a = ratesOf(slow)
  const b = ratesOf(fast)
  return median(a.map((rateA, i) => (b[i] ?? Number.NaN) / rateA))
}

console.log(`Inform(20): ${informXml.length} chars; GPVResponse(500): ${gpvXml.length} chars; ${ROUNDS} rounds x ${SLICE_MS} ms, medians`)
console.log('case                              ops/s        us/op   min..max ops/s')
for (const c of cases) {
  const m = median(c.rates)
  console.log(`${c.name.padEnd(32)} ${fmt(m).padStart(9)} ${(1e6 / m).toFixed(1).padStart(11)}   ${fmt(Math.min(...c.rates))}..${fmt(Math.max(...c.rates))}`)
}

const targets: [string, number, number][] = [
  ['decode/bare Inform(20)', pairedRatio('decode      Inform(20)', 'bare parse  Inform(20)'), 1.3],
  ['decode/bare GPVResponse(500)', pairedRatio('decode      GPVResponse(500)', 'bare parse  GPVResponse(500)'), 1.3],
  ['tree build/bare Inform(20)', pairedRatio('tree build  Inform(20)', 'bare parse  Inform(20)'), 1 / 3],
  ['tree build/bare GPVResponse(500)', pairedRatio('tree build  GPVResponse(500)', 'bare parse  GPVResponse(500)'), 1 / 3],
  ['build InformResponse / bare parse Inform(20)', pairedRatio('encode      InformResponse', 'bare parse  Inform(20)'), 0.1],
  ['build SPV(20) / bare parse Inform(20)', pairedRatio('encode      SPV(20)', 'bare parse  Inform(20)'), 0.1],
]
console.log('\ntarget (time ratio, median of per-round ratios)    ratio   limit   met')
let allMet = true
for (const [name, ratio, limit] of targets) {
  const met = ratio <= limit
  allMet &&= met
  console.log(`${name.padEnd(46)} ${ratio.toFixed(3).padStart(7)} ${limit.toFixed(2).padStart(7)}   ${met ? 'yes' : 'NO'}`)
}
console.log(allMet ? '\nall codec targets met' : '\nsome codec targets NOT met')
if (sink === -1) console.log(sink)
