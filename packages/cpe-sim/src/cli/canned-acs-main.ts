// Runs the canned-bytes ACS in its own process (so the load driver measured against it has a
// core to itself) and prints its URL on stdout; stops on SIGTERM/SIGINT.
import { startCannedAcs } from '../load/canned-acs.js'

const acs = await startCannedAcs(Number(process.env.CANNED_ACS_PORT ?? 0))
process.stdout.write(`${acs.url}\n`)
const stop = (): void => {
  void acs.close().then(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
