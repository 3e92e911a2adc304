import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeEnvelope, encodeEnvelope, type Envelope } from '@acs/cwmp'
import { CORPUS_DIR, REPO_ROOT, corpusAvailable } from './support/corpus.js'
import { SAMPLE_BODIES, envelopeOf } from './support/samples.js'

const dir = mkdtempSync(join(tmpdir(), 'cwmp-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs `pnpm cwmp ...` the way the root script does, from the repository root. */
function cwmp(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/cwmp/src/cli/main.ts', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, INIT_CWD: REPO_ROOT },
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

function file(name: string, content: string): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

describe('the cwmp CLI', () => {
  it.skipIf(!corpusAvailable())('prints a corpus message as one line of typed JSON', () => {
    const path = join(CORPUS_DIR, 'cwmp/genieacs-issues/transfercomplete-fault-9015-unknown-cpe.xml')
    const { status, stdout, stderr } = cwmp('decode', path)
    expect(stderr).toBe('')
    expect(status).toBe(0)
    const lines = stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ namespace: 'urn:dslforum-org:cwmp-1-0', body: { method: 'TransferComplete', faultStruct: { faultCode: 9015 } } })
  })

  it('decodes the good files, reports each broken one as FILE: code reason and exits non-zero', () => {
    const good = file('good.xml', encodeEnvelope(envelopeOf(SAMPLE_BODIES.Reboot)))
    const broken = file('broken.xml', '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>')
    const doctype = file('doctype.xml', '<!DOCTYPE x [<!ENTITY a "b">]><x/>')
    const { status, stdout, stderr } = cwmp('decode', broken, good, doctype)
    expect(status).toBe(1)
    expect(stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([envelopeOf(SAMPLE_BODIES.Reboot)])
    const errors = stderr.trimEnd().split('\n')
    expect(errors).toHaveLength(2)
    expect(errors[0]).toContain(`${broken}: 8003 malformed XML`)
    expect(errors[1]).toContain(`${doctype}: 8003 DOCTYPE`)
  })

  it('encodes a JSON envelope to XML that decodes back to it', () => {
    const envelope: Envelope = envelopeOf(SAMPLE_BODIES.SetParameterValues)
    const { status, stdout } = cwmp('encode', file('spv.json', JSON.stringify(envelope)))
    expect(status).toBe(0)
    expect(decodeEnvelope(stdout)).toEqual(envelope)
  })

  it('explains which field of an invalid JSON envelope is wrong and exits non-zero', () => {
    const { status, stderr } = cwmp('encode', file('bad.json', JSON.stringify({ namespace: 'urn:dslforum-org:cwmp-1-0', header: {}, body: { method: 'Reboot', commandKey: 7 } })))
    expect(status).toBe(1)
    expect(stderr).toMatch(/bad\.json: not a valid CWMP envelope: body\.commandKey: expected a string/)
  })
})
