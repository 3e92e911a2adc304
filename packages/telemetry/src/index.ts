export { createLogger, type Logger } from './logger.js'
export { startTelemetry, type TelemetryShutdown } from './start-telemetry.js'
export { onShutdownSignal } from './shutdown.js'
