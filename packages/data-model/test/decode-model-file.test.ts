import { describe, expect, it } from 'vitest'
import { ModelFileError } from '@acs/data-model'
import { decodeModelFile } from '../src/decode-model-file.js'

function file(objects: unknown, header: Record<string, unknown> = {}): string {
  return JSON.stringify({ $: { format: 1, root: 'Device', model: 'Device:2.1', source: 'x.xml', ...header }, objects })
}

describe('decodeModelFile', () => {
  it('decodes a minimal file', () => {
    const decoded = decodeModelFile(file({ 'Device.': { p: { Up: { t: 'boolean', a: 'rw' } } } }), 'x.json')
    expect(decoded.objects[0]?.parameters[0]).toMatchObject({ path: 'Device.Up', type: 'boolean', xsdType: 'xsd:boolean', writable: true })
  })

  it('refuses a file of another format version', () => {
    expect(() => decodeModelFile(file({}, { format: 2 }), 'x.json')).toThrow(ModelFileError)
  })

  it('refuses an unknown base type, naming the parameter', () => {
    expect(() => decodeModelFile(file({ 'Device.': { p: { Up: { t: 'float' } } } }), 'x.json')).toThrow('Device.Up t')
  })

  it('refuses text that is not JSON', () => {
    expect(() => decodeModelFile('{', 'x.json')).toThrow('x.json: not JSON')
  })
})
