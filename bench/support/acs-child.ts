/**
 * The whole ACS (@acs/standalone's startStandalone()) in a child process for the benchmarks, so
 * that its CPU and memory are its own and a load driver in the parent does not share its event
 * loop. Run as a script, this file is the child; `forkAcs` is the parent's side.
 */
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { askChild } from './ask-child.js'

const SELF = fileURLToPath(import.meta.url)
const EXEC_ARGV = ['--conditions=source', '--import', 'tsx', '--expose-gc']
/** The admin API key of every benchmark ACS. */
export const BENCH_ADMIN_KEY = 'sim-bench-admin-key-0123456789abcdef'

type ChildMsg = { type: 'ready'; cwmpUrl: string; apiUrl: string } | { type: 'mem'; rss: number; heapUsed: number }

/** A running ACS child. */
export interface AcsChild {
  cwmpUrl: string
  apiUrl: string
  /** RSS and heap after a full collection, in bytes. */
  memory(): Promise<{ rss: number; heapUsed: number }>
  /** Stops the ACS (killed if it has not exited within 10 s). */
  stop(): Promise<void>
}

/**
 * Starts the ACS in a child. `env` decides the mode (without NATS_URL/MONGODB_URL it is embedded;
 * the parent's own are never inherited) and overrides the benchmark defaults: any free ports, log
 * level error, no per-address rate limit, no connection-request interval.
 */
export async function forkAcs(env: Record<string, string>): Promise<AcsChild> {
  const { NATS_URL: _n, MONGODB_URL: _m, ...rest } = process.env
  const child = fork(SELF, ['acs-child'], { execArgv: EXEC_ARGV, env: { ...rest, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  try {
    const { cwmpUrl, apiUrl } = await askChild<ChildMsg, 'ready'>(child, undefined, 'ready')
    return {
      cwmpUrl,
      apiUrl,
      memory: async () => {
        const { rss, heapUsed } = await askChild<ChildMsg, 'mem'>(child, { type: 'mem' }, 'mem')
        return { rss, heapUsed }
      },
      async stop() {
        if (child.exitCode !== null) return
        child.send({ type: 'stop' })
        await Promise.race([new Promise((r) => child.once('exit', r)), sleep(10_000)])
        if (child.exitCode === null) child.kill('SIGKILL')
      },
    }
  } catch (err) {
    child.kill('SIGKILL')
    throw err
  }
}

async function childMain(): Promise<void> {
  const { startStandalone } = await import('@acs/standalone')
  const dir = mkdtempSync(join(tmpdir(), 'acs-bench-'))
  const env: NodeJS.ProcessEnv = {
    ACS_LOG_LEVEL: 'error',
    ACS_INFORM_RATE_PER_IP: '0',
    ACS_CR_MIN_INTERVAL_MS: '0',
    ...process.env,
    ACS_DATA_DIR: dir,
    ACS_CWMP_PORT: '0',
    ACS_API_PORT: '0',
    ACS_ADMIN_API_KEY: BENCH_ADMIN_KEY,
  }
  const acs = await startStandalone(env, { announce: () => undefined })
  process.on('message', (m: { type: string }) => {
    if (m.type === 'mem') {
      ;(globalThis as { gc?: () => void }).gc?.()
      const u = process.memoryUsage()
      process.send?.({ type: 'mem', rss: u.rss, heapUsed: u.heapUsed })
    } else if (m.type === 'stop') {
      void acs.close().then(() => {
        rmSync(dir, { recursive: true, force: true })
        process.exit(0)
      })
    }
  })
  process.send?.({ type: 'ready', cwmpUrl: acs.cwmpUrl, apiUrl: acs.apiUrl })
}

if (process.argv[2] === 'acs-child') await childMain().catch((err: unknown) => process.send?.({ type: 'error', message: String(err) }))
