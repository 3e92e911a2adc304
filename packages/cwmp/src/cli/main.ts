/**
 * `pnpm cwmp decode FILE...` prints each envelope as one line of the codec's JSON;
 * `pnpm cwmp encode FILE.json` prints the SOAP envelope for a JSON Envelope.
 * Relative paths are taken from the directory pnpm was started in (INIT_CWD).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { CwmpEncodeError, CwmpParseError, decodeEnvelope, encodeEnvelope, type Envelope } from '../index.js'

const USAGE = `usage:
  pnpm cwmp decode FILE...     print each SOAP envelope as one line of JSON (the codec's typed Envelope)
  pnpm cwmp encode FILE.json   print the SOAP envelope for a JSON Envelope ({ namespace, header, body })
  pnpm cwmp --help             show this help

decode prints "FILE: <fault code> <reason>" on stderr for each file it cannot decode and exits 1
after processing all files; encode exits 1 when the JSON is not a valid Envelope.
`

interface Io {
  out: (line: string) => void
  err: (line: string) => void
  cwd: string
}

function readInput(cwd: string, file: string): Buffer {
  return readFileSync(resolve(cwd, file))
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

function decodeFiles(files: readonly string[], io: Io): number {
  let failed = 0
  for (const file of files) {
    try {
      io.out(JSON.stringify(decodeEnvelope(readInput(io.cwd, file))))
    } catch (err) {
      failed++
      io.err(err instanceof CwmpParseError ? `${file}: ${err.fault} ${err.message}` : `${file}: cannot read: ${reason(err)}`)
    }
  }
  return failed === 0 ? 0 : 1
}

function encodeFile(file: string, io: Io): number {
  let json: unknown
  try {
    json = JSON.parse(readInput(io.cwd, file).toString('utf8'))
  } catch (err) {
    io.err(`${file}: not readable JSON: ${reason(err)}`)
    return 1
  }
  try {
    io.out(encodeEnvelope(json as Envelope))
    return 0
  } catch (err) {
    if (!(err instanceof CwmpEncodeError)) throw err
    io.err(`${file}: not a valid CWMP envelope: ${err.message}`)
    return 1
  }
}

/** Runs the CLI with `args` (without node and script); returns the exit code. */
function runCli(args: readonly string[], io: Io): number {
  const [command, ...rest] = args
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE)
    return 0
  }
  if (command === 'decode' && rest.length > 0) return decodeFiles(rest, io)
  if (command === 'encode' && rest.length === 1 && rest[0] !== undefined) return encodeFile(rest[0], io)
  io.err(USAGE)
  return 2
}

process.exitCode = runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd: process.env.INIT_CWD ?? process.cwd(),
})
