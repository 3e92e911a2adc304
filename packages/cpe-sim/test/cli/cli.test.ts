import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { startFakeAcs, type FakeAcs } from '../support/fake-acs.js'

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))

function runCli(args: string[], onStderr?: (text: string, stop: () => void) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', MAIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let stopped = false
    const stop = (): void => {
      if (stopped) return
      stopped = true
      child.kill('SIGTERM')
    }
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
      onStderr?.(stderr, stop)
    })
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(killer)
      resolve({ code, stdout, stderr })
    })
  })
}

let acs: FakeAcs | undefined
afterEach(async () => {
  await acs?.close()
})

describe('pnpm sim', () => {
  it('runs a handful of devices against an ACS and prints a summary', async () => {
    acs = await startFakeAcs()
    const r = await runCli(['--url', acs.url, '--devices', '5', '--model', 'mixed', '--duration', '2', '--progress', '1', '--json'])
    const summary = JSON.parse(r.stdout) as { devices: number; sessionsOk: number; events: Record<string, number> }
    expect([r.code, summary.devices, summary.sessionsOk >= 5, summary.events['0 BOOTSTRAP']]).toEqual([0, 5, true, 5])
  })

  it('prints progress lines on stderr', async () => {
    acs = await startFakeAcs()
    const r = await runCli(['--url', acs.url, '--devices', '2', '--duration', '2', '--progress', '1'])
    expect(r.stderr).toMatch(/sessions \d+ ok, \d+ failed/)
    expect(r.stdout).toMatch(/cpe-sim summary: 2 devices/)
  })

  it('stops cleanly on SIGTERM and still prints the summary', async () => {
    acs = await startFakeAcs()
    const r = await runCli(['--url', acs.url, '--devices', '2', '--progress', '1'], (text, stop) => {
      if (/sessions [1-9]\d* ok/.test(text)) stop()
    })
    expect([r.code, /cpe-sim summary/.test(r.stdout)]).toEqual([0, true])
  })

  it('rejects an invalid argument with a message naming the flag and exit code 2', async () => {
    const r = await runCli(['--url', 'http://127.0.0.1:1/', '--model', 'tr069'])
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, 'error: --model must be tr181, tr098 or mixed, got "tr069"'])
  })
})
