import { ConfigError } from '@acs/config'
import { onShutdownSignal, startTelemetry } from '@acs/telemetry'
import { startStandalone } from './standalone.js'

const telemetry = startTelemetry({ serviceName: 'acs' })
try {
  const acs = await startStandalone()
  onShutdownSignal(
    async () => {
      await acs.close()
      await telemetry.shutdown()
    },
    { graceMs: acs.shutdownGraceMs, log: (msg) => acs.logger.info(msg) },
  )
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\nSee the configuration table in README.md.\n`)
  } else {
    process.stderr.write(`failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  }
  await telemetry.shutdown()
  process.exit(1)
}
