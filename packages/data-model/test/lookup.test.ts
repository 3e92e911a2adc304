import { describe, expect, it } from 'vitest'
import { loadDataModel, type Definition, type ObjectDef, type ParameterDef } from '@acs/data-model'

const tr181 = loadDataModel('Device')
const tr098 = loadDataModel('InternetGatewayDevice')

function parameter(def: Definition | undefined): ParameterDef {
  if (def?.kind !== 'parameter') throw new Error(`expected a parameter, got ${def?.kind ?? 'nothing'}`)
  return def
}

function object(def: Definition | undefined): ObjectDef {
  if (def?.kind !== 'object') throw new Error(`expected an object, got ${def?.kind ?? 'nothing'}`)
  return def
}

describe('TR-181 (Device:2) lookups', () => {
  it('names the model and the BBF file it comes from', () => {
    expect(tr181.model).toBe('Device:2.17')
    expect(tr181.source).toBe('tr-181-2-17-0-cwmp-full.xml')
  })

  it('returns the same model instance on every load', () => {
    expect(loadDataModel('Device')).toBe(tr181)
  })

  it('knows PeriodicInformInterval is a writable unsignedInt of at least 1', () => {
    const def = parameter(tr181.lookup('Device.ManagementServer.PeriodicInformInterval'))
    expect(def).toMatchObject({ type: 'unsignedInt', xsdType: 'xsd:unsignedInt', writable: true, access: 'readWrite', min: 1 })
    expect(def.max).toBeUndefined()
  })

  it('knows SoftwareVersion is a read-only forced-inform string with forced active notification', () => {
    const def = parameter(tr181.lookup('Device.DeviceInfo.SoftwareVersion'))
    expect(def).toMatchObject({ type: 'string', writable: false, forcedInform: true, activeNotify: 'forceEnabled', maxLength: 64 })
  })

  it('knows an SSID is a writable string of at most 32 characters', () => {
    const def = parameter(tr181.lookup('Device.WiFi.SSID.{i}.SSID'))
    expect(def).toMatchObject({ type: 'string', writable: true, maxLength: 32, lengths: [{ min: 0, max: 32 }] })
  })

  it('maps StatsCounter64 to an unsignedLong sent as xsd:unsignedLong', () => {
    const def = parameter(tr181.lookup('Device.WiFi.SSID.{i}.Stats.AckUcastReceived'))
    expect(def).toMatchObject({ type: 'unsignedLong', dataType: 'StatsCounter64', xsdType: 'xsd:unsignedLong' })
  })

  it('resolves the Alias data type to a writable-once string of 64 characters', () => {
    const def = parameter(tr181.lookup('Device.WiFi.SSID.{i}.Alias'))
    expect(def).toMatchObject({ dataType: 'Alias', access: 'writeOnceReadOnly', writable: true, maxLength: 64 })
  })

  it('inherits the pattern and length of a named type', () => {
    const def = parameter(tr181.lookup('Device.WiFi.SSID.{i}.MACAddress'))
    expect(def.dataType).toBe('MACAddress')
    expect(def.maxLength).toBe(17)
    expect(def.patterns).toContain('([0-9A-Fa-f][0-9A-Fa-f]:){5}([0-9A-Fa-f][0-9A-Fa-f])')
  })

  it('marks the enumeration values of DiagnosticsState that only the CPE may report', () => {
    const def = parameter(tr181.lookup('Device.IP.Diagnostics.IPPing.DiagnosticsState'))
    expect(def.enumeration).toEqual(expect.arrayContaining(['None', 'Requested', 'Complete']))
    expect(def.readOnlyValues).toEqual(expect.arrayContaining(['None', 'Complete']))
    expect(def.readOnlyValues).not.toContain('Requested')
  })

  it('describes list parameters and sends them as xsd:string', () => {
    const def = parameter(tr181.lookup('Device.Bridging.Bridge.{i}.Port.{i}.PriorityRegeneration'))
    expect(def).toMatchObject({ type: 'unsignedInt', xsdType: 'xsd:string', list: { minItems: 8, maxItems: 8, nested: false }, min: 0, max: 7 })
    expect(def.default).toBe('0,1,2,3,4,5,6,7')
  })

  it('keeps every range of a parameter with several intervals', () => {
    const def = parameter(tr181.lookup('Device.WiFi.SSID.{i}.MLDUnit'))
    expect(def.ranges).toEqual([{ min: -1, max: -1 }, { min: 0, max: 24 }])
  })

  it('marks secured parameters as hidden', () => {
    expect(parameter(tr181.lookup('Device.ManagementServer.ConnectionRequestPassword')).hidden).toBe(true)
  })

  it('records defaults with their kind', () => {
    expect(parameter(tr181.lookup('Device.ManagementServer.EnableCWMP'))).toMatchObject({ default: 'true', defaultKind: 'factory' })
  })

  it('describes a writable multi-instance table', () => {
    const def = object(tr181.lookup('Device.WiFi.SSID.{i}.'))
    expect(def).toMatchObject({ multiInstance: true, writable: true, minEntries: 0, maxEntries: null, parent: 'Device.WiFi.' })
  })

  it('describes a single-instance object as neither multi-instance nor writable', () => {
    expect(object(tr181.lookup('Device.ManagementServer.'))).toMatchObject({ multiInstance: false, writable: false, minEntries: 1, maxEntries: 1 })
  })

  it('returns undefined for a name that is not in the model', () => {
    expect(tr181.lookup('Device.ManagementServer.NoSuchParameter')).toBeUndefined()
  })
})

describe('TR-098 (InternetGatewayDevice:1) lookups', () => {
  it('names the model and the BBF file it comes from', () => {
    expect(tr098.model).toBe('InternetGatewayDevice:1.14')
    expect(tr098.source).toBe('tr-098-1-8-0-full.xml')
  })

  it('knows the enumeration of WLANConfiguration BeaconType', () => {
    const def = parameter(tr098.lookup('InternetGatewayDevice.LANDevice.{i}.WLANConfiguration.{i}.BeaconType'))
    expect(def).toMatchObject({ type: 'string', writable: true })
    expect(def.enumeration).toEqual(['None', 'Basic', 'WPA', '11i', 'BasicandWPA', 'Basicand11i', 'WPAand11i', 'BasicandWPAand11i'])
  })

  it('knows PeriodicInformInterval is a writable unsignedInt of at least 1', () => {
    const def = parameter(tr098.lookup('InternetGatewayDevice.ManagementServer.PeriodicInformInterval'))
    expect(def).toMatchObject({ type: 'unsignedInt', writable: true, min: 1 })
  })

  it('knows SoftwareVersion is read-only and forced into every inform', () => {
    expect(parameter(tr098.lookup('InternetGatewayDevice.DeviceInfo.SoftwareVersion'))).toMatchObject({ writable: false, forcedInform: true })
  })

  it('knows WANDevice is a multi-instance table the ACS cannot add to', () => {
    expect(object(tr098.lookup('InternetGatewayDevice.WANDevice.{i}.'))).toMatchObject({ multiInstance: true, writable: false })
  })

  it('does not know TR-181 names', () => {
    expect(tr098.lookup('Device.DeviceInfo.SoftwareVersion')).toBeUndefined()
  })
})

describe('walking the model', () => {
  it('lists parameters and direct child objects of an object', () => {
    const paths = tr181.children('Device.WiFi.')?.map((child) => child.path)
    expect(paths).toEqual(expect.arrayContaining(['Device.WiFi.RadioNumberOfEntries', 'Device.WiFi.SSID.{i}.', 'Device.WiFi.DataElements.']))
    expect(paths).not.toContain('Device.WiFi.SSID.{i}.SSID')
  })

  it('lists the children of a concrete instance', () => {
    const paths = tr181.children('Device.WiFi.SSID.2.')?.map((child) => child.path)
    expect(paths).toEqual(expect.arrayContaining(['Device.WiFi.SSID.{i}.SSID', 'Device.WiFi.SSID.{i}.Stats.']))
  })

  it('has no children for a parameter path', () => {
    expect(tr181.children('Device.WiFi.SSID.1.SSID')).toBeUndefined()
  })

  it('iterates objects and parameters in path order, each parameter inside a known object', () => {
    const objectPaths = [...tr181.objects()].map((o) => o.path)
    expect(objectPaths).toEqual([...objectPaths].sort())
    const known = new Set(objectPaths)
    const parameters = [...tr181.parameters()]
    expect(parameters.length).toBeGreaterThan(6000)
    expect(parameters.filter((p) => !known.has(p.object))).toEqual([])
  })

  it('gives every object except the root a parent that exists', () => {
    const known = new Set([...tr098.objects()].map((o) => o.path))
    const orphans = [...tr098.objects()].filter((o) => o.path !== 'InternetGatewayDevice.' && !known.has(o.parent ?? ''))
    expect(orphans).toEqual([])
  })

  it('has patterns that all compile as whole-value regular expressions', () => {
    const patterns = [...tr181.parameters(), ...tr098.parameters()].flatMap((p) => p.patterns ?? [])
    expect(patterns.length).toBeGreaterThan(0)
    for (const pattern of patterns) expect(() => new RegExp(`^(?:${pattern})$`, 'u')).not.toThrow()
  })
})
