/**
 * Where the NATS integration tests find their server. Unset NATS_URL skips them with a printed
 * reason on a developer machine, but fails under CI, where a skipped integration test would hide a gap.
 */
export function natsTestEnv(): { url: string | undefined; skip: boolean } {
  const url = process.env.NATS_URL
  if (url) return { url, skip: false }
  if (process.env.CI) throw new Error('NATS_URL is not set: the NATS bus integration tests cannot run in CI without a server')
  console.warn('skipping NATS bus tests: set NATS_URL (e.g. start `nats-server -js -a 127.0.0.1 -p 4222 -sd /tmp/js`)')
  return { url: undefined, skip: true }
}
