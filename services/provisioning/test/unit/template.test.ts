import { describe, expect, it } from 'vitest'
import { parseTemplate, renderTemplate, templateRefs, TemplateSyntaxError, type TemplateContext } from '../../src/profiles/template.js'
import { aFacts } from './builders.js'

const ctx = (over: Partial<TemplateContext> = {}): TemplateContext => ({
  facts: aFacts(),
  variables: new Map([['ssid', 'Home']]),
  secrets: new Map([['wifi', 's3cret']]),
  values: new Map([['Device.Ethernet.Interface.1.MACAddress', 'aa:bb:cc:dd:ee:ff']]),
  ...over,
})

describe('templates', () => {
  it('leaves a value without placeholders as it is', () => {
    expect(renderTemplate('plain {text}', ctx())).toEqual({ ok: true, value: 'plain {text}' })
  })

  it('renders facts, variables and secrets', () => {
    expect(renderTemplate('{{var.ssid}}-{{serialNumber}}/{{ oui }}:{{secret.wifi}}', ctx())).toEqual({ ok: true, value: 'Home-SN0001/00D09E:s3cret' })
  })

  it('renders the MAC address with filters', () => {
    expect(renderTemplate('AP-{{mac | nocolons | upper | last:6}}', ctx())).toEqual({ ok: true, value: 'AP-DDEEFF' })
  })

  it('reports a variable that is not set', () => {
    const result = renderTemplate('{{var.missing}}', ctx())
    expect(result).toEqual({ ok: false, missing: [{ kind: 'var', name: 'missing' }] })
  })

  it('lists the parameters a value reads', () => {
    expect(templateRefs('{{mac}} {{param.Device.DeviceInfo.ModelName}}')).toEqual([{ kind: 'mac' }, { kind: 'param', name: 'Device.DeviceInfo.ModelName' }])
  })

  it('rejects an unknown reference with a message that names it', () => {
    expect(() => parseTemplate('{{bogus}}')).toThrow(/bogus/)
  })

  it('rejects an unterminated placeholder and an unknown filter', () => {
    expect(() => parseTemplate('x{{serialNumber')).toThrow(TemplateSyntaxError)
    expect(() => parseTemplate('{{serialNumber | reverse}}')).toThrow(/reverse/)
  })
})
