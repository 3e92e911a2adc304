import { describe, expect, it } from 'vitest'
import type { ModelFile } from '../src/model-file.js'
import { buildModelFile } from '../scripts/lib/build-model-file.js'

/** A tiny BBF document holding `body` inside a Device:2.1 model, with a few named types. */
function bbfDocument(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Copyright (c) 2010-2023, Broadband Forum -->
<dm:document xmlns:dm="urn:broadband-forum-org:cwmp:datamodel-1-14" spec="urn:broadband-forum-org:tr-181-2-1-0-cwmp">
  <dataType name="_Base"><string><size maxLength="64"/></string></dataType>
  <dataType name="Alias" base="_Base"><description>text with <b>markup</b></description></dataType>
  <dataType name="State"><string><enumeration value="None" access="readOnly"/><enumeration value="Requested"/></string></dataType>
  <dataType name="Level"><int><range minInclusive="-10" maxInclusive="10"/></int></dataType>
  <model name="Device:2.1">
    <object name="Device." access="readOnly" minEntries="1" maxEntries="1">
      <parameter name="Count" access="readOnly"><syntax><unsignedInt/></syntax></parameter>
    </object>
    ${body}
  </model>
</dm:document>`
}

function build(body: string): ModelFile {
  return JSON.parse(buildModelFile(bbfDocument(body), 'tiny.xml').text) as ModelFile
}

describe('buildModelFile', () => {
  it('names the output after the TR number and model version', () => {
    expect(buildModelFile(bbfDocument(''), 'tiny.xml').fileName).toBe('tr-181-2.1.json')
  })

  it('writes the provenance header with the copyright line of the source', () => {
    expect(build('').$).toMatchObject({ root: 'Device', model: 'Device:2.1', source: 'tiny.xml', license: expect.stringContaining('Copyright (c) 2010-2023, Broadband Forum') })
  })

  it('follows a chain of named types to the primitive and its facets', () => {
    const file = build('<object name="Device.A.{i}." access="readWrite" minEntries="0" maxEntries="unbounded"><parameter name="Alias" access="writeOnceReadOnly"><syntax><dataType ref="Alias"/></syntax></parameter></object>')
    expect(file.objects['Device.A.{i}.']).toEqual({ a: 'rw', m: 1, ne: [0, null], p: { Alias: { t: 'string', dt: 'Alias', a: 'wo', s: [[0, 64]] } } })
  })

  it('lets a reference refine the enumeration of its named type', () => {
    const file = build('<object name="Device.D." access="readOnly"><parameter name="State" access="readWrite"><syntax><dataType ref="State"><enumeration value="None"/><enumeration value="Requested"/><enumeration value="Complete" access="readOnly"/></dataType></syntax></parameter></object>')
    expect(file.objects['Device.D.']?.p.State).toEqual({ t: 'string', dt: 'State', a: 'rw', e: ['None', 'Requested', 'Complete'], er: ['Complete'] })
  })

  it('keeps the inherited range when a reference adds a step only through its own range', () => {
    const file = build('<object name="Device.D." access="readOnly"><parameter name="L" access="readWrite"><syntax><dataType ref="Level"><range minInclusive="-10" maxInclusive="10" step="2"/></dataType></syntax></parameter><parameter name="M" access="readWrite"><syntax><dataType ref="Level"/></syntax></parameter></object>')
    expect([file.objects['Device.D.']?.p.L?.r, file.objects['Device.D.']?.p.M?.r]).toEqual([[[-10, 10, 2]], [[-10, 10]]])
  })

  it('records a list, its item facets and its xsd type', () => {
    const file = build('<object name="Device.D." access="readOnly"><parameter name="Ports" access="readWrite"><syntax><list maxItems="4"><size maxLength="64"/></list><unsignedInt><range maxInclusive="65535"/></unsignedInt><default type="object" value=""/></syntax></parameter></object>')
    expect(file.objects['Device.D.']?.p.Ports).toEqual({ t: 'unsignedInt', x: 'xsd:string', a: 'rw', l: { maxItems: 4, maxLength: 64 }, r: [[null, 65535]], d: '' })
  })

  it('records forcedInform, activeNotify, hidden values and default kinds', () => {
    const file = build('<object name="Device.D." access="readOnly"><parameter name="V" access="readOnly" forcedInform="true" activeNotify="forceEnabled"><syntax><string/></syntax></parameter><parameter name="K" access="readWrite"><syntax hidden="true"><string/><default type="factory" value="x"/></syntax></parameter></object>')
    expect(file.objects['Device.D.']?.p).toEqual({ K: { t: 'string', a: 'rw', d: 'x', dk: 'factory', h: 1 }, V: { t: 'string', f: 1, n: 'forceEnabled' } })
  })

  it('leaves out deleted objects, parameters and defaults', () => {
    const file = build('<object name="Device.D." access="readOnly"><parameter name="Gone" access="readOnly" status="deleted"><syntax><string/></syntax></parameter><parameter name="Kept" access="readWrite" status="deprecated"><syntax><int/><default type="object" value="0" status="deleted"/></syntax></parameter></object><object name="Device.E." access="readOnly" status="deleted"></object>')
    expect(file.objects['Device.D.']?.p).toEqual({ Kept: { t: 'int', a: 'rw', st: 'deprecated' } })
    expect(file.objects['Device.E.']).toBeUndefined()
  })

  it('sorts objects and parameters by name whatever the document order', () => {
    const file = build('<object name="Device.Z." access="readOnly"><parameter name="b" access="readOnly"><syntax><int/></syntax></parameter><parameter name="a" access="readOnly"><syntax><int/></syntax></parameter></object><object name="Device.B." access="readOnly"></object>')
    expect([Object.keys(file.objects), Object.keys(file.objects['Device.Z.']?.p ?? {})]).toEqual([['Device.', 'Device.B.', 'Device.Z.'], ['a', 'b']])
  })

  it('refuses an object whose parent object is missing', () => {
    expect(() => build('<object name="Device.X.{i}.Y." access="readOnly"></object>')).toThrow('has no parent object Device.X.{i}.')
  })

  it('refuses a reference to an undefined data type', () => {
    expect(() => build('<object name="Device.D." access="readOnly"><parameter name="P" access="readOnly"><syntax><dataType ref="Nope"/></syntax></parameter></object>')).toThrow('unknown dataType Nope')
  })
})
