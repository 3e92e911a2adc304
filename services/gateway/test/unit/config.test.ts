import { describe, expect, it } from 'vitest'
import { ConfigError } from '@acs/config'
import { loadGatewayConfig } from '../../src/config.js'

describe('gateway configuration', () => {
  it('loads the defaults', () => {
    const config = loadGatewayConfig({})
    expect(config.ACS_SESSION_TIMEOUT_MS).toBe(30_000)
    expect(config.ACS_GATEWAY_HOOK_DEADLINE_MS).toBe(2_000)
  })

  it('refuses a session timeout shorter than twice the hook deadline, naming both variables', () => {
    expect(() => loadGatewayConfig({ ACS_SESSION_TIMEOUT_MS: '3000', ACS_GATEWAY_HOOK_DEADLINE_MS: '2000' })).toThrow(ConfigError)
    expect(() => loadGatewayConfig({ ACS_SESSION_TIMEOUT_MS: '3000', ACS_GATEWAY_HOOK_DEADLINE_MS: '2000' })).toThrow(/ACS_SESSION_TIMEOUT_MS.*ACS_GATEWAY_HOOK_DEADLINE_MS/)
    expect(loadGatewayConfig({ ACS_SESSION_TIMEOUT_MS: '4000', ACS_GATEWAY_HOOK_DEADLINE_MS: '2000' }).ACS_SESSION_TIMEOUT_MS).toBe(4_000)
  })

  it('takes a latency target of 0 (off) or at least twice the hook deadline', () => {
    expect(loadGatewayConfig({}).ACS_GATEWAY_LATENCY_TARGET_MS).toBe(5_000)
    expect(loadGatewayConfig({ ACS_GATEWAY_LATENCY_TARGET_MS: '0' }).ACS_GATEWAY_LATENCY_TARGET_MS).toBe(0)
    expect(loadGatewayConfig({ ACS_GATEWAY_LATENCY_TARGET_MS: '4000' }).ACS_GATEWAY_LATENCY_TARGET_MS).toBe(4_000)
    expect(() => loadGatewayConfig({ ACS_GATEWAY_LATENCY_TARGET_MS: '3999' })).toThrow(/ACS_GATEWAY_LATENCY_TARGET_MS.*ACS_GATEWAY_HOOK_DEADLINE_MS/)
    expect(() => loadGatewayConfig({ ACS_GATEWAY_LATENCY_TARGET_MS: '-1' })).toThrow(ConfigError)
  })

  it('takes a late-hook recheck of 0 (off) or longer than the hook deadline', () => {
    expect(loadGatewayConfig({}).ACS_GATEWAY_LATE_HOOK_RECHECK_MS).toBe(20_000)
    expect(loadGatewayConfig({ ACS_GATEWAY_LATE_HOOK_RECHECK_MS: '0' }).ACS_GATEWAY_LATE_HOOK_RECHECK_MS).toBe(0)
    expect(() => loadGatewayConfig({ ACS_GATEWAY_LATE_HOOK_RECHECK_MS: '2000' })).toThrow(/ACS_GATEWAY_LATE_HOOK_RECHECK_MS.*ACS_GATEWAY_HOOK_DEADLINE_MS/)
  })
})
