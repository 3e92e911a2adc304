// The probes alone, for processes that serve no API of their own (the gateway): `@acs/api-kit/health`.
export { healthRoutes, type HealthChecks } from './health.routes.js'
export { pingDependencies, ReadinessMonitor, type ReadinessDependency, type ReadinessMonitorOptions } from './readiness-monitor.js'
