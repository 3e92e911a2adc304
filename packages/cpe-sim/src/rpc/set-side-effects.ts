import type { SimDevice } from '../device/sim-device.js'

const DIAGNOSTICS_STATE = 'DiagnosticsState'

/**
 * What a CPE does after the ACS changed parameters: diagnostics start on `Requested` and reset
 * to `None` when another input of the test changes (§13.1), periodic-inform settings re-arm the
 * timer, and a new ACS URL means a fresh bootstrap (§5.2 `0 BOOTSTRAP`).
 */
export function onParametersSet(device: SimDevice, names: readonly string[], now: number): void {
  const ms = `${device.root}.ManagementServer.`
  const requested = new Set<string>()
  const touchedDiagnostics = new Set<string>()
  for (const name of names) {
    if (name === `${ms}URL`) device.after({ kind: 'bootstrap' })
    if (name === `${ms}ConnectionRequestUsername`) device.after({ kind: 'credentialsChanged' })
    if (name === `${ms}PeriodicInformInterval` || name === `${ms}PeriodicInformEnable` || name === `${ms}PeriodicInformTime`) {
      device.after({ kind: 'periodicChanged' })
    }
    const object = name.slice(0, name.lastIndexOf('.') + 1)
    if (!isDiagnosticsObject(device, object)) continue
    if (name.endsWith(`.${DIAGNOSTICS_STATE}`)) {
      const value = device.tree.get(name, now, true)?.value
      if (value === 'Requested') requested.add(object)
      else if (value === 'Canceled') cancel(device, object)
    } else {
      touchedDiagnostics.add(object)
    }
  }
  for (const object of touchedDiagnostics) {
    if (requested.has(object)) continue
    cancel(device, object)
  }
  for (const object of requested) {
    ;(device.diagnostics ??= new Set()).add(object)
    device.after({ kind: 'diagnostics', object })
  }
}

/** True when the object has a DiagnosticsState parameter. */
export function isDiagnosticsObject(device: SimDevice, object: string): boolean {
  return device.tree.node(`${object}${DIAGNOSTICS_STATE}`)?.kind === 'param'
}

function cancel(device: SimDevice, object: string): void {
  device.diagnostics?.delete(object)
  device.tree.set(`${object}${DIAGNOSTICS_STATE}`, 'None')
}
