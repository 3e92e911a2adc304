/** The periodicInform shorthand of a profile, as the ManagementServer parameters it stands for. */
import type { PeriodicInform } from './profile.schema.js'

/** A parameter value with its xsd type. */
export interface TypedValue {
  name: string
  value: string
  type: 'xsd:boolean' | 'xsd:unsignedInt' | 'xsd:dateTime'
}

/** ManagementServer.PeriodicInformEnable/Interval/Time for the given settings. */
export function periodicInformParameters(root: string, settings: PeriodicInform): TypedValue[] {
  const base = `${root}.ManagementServer.`
  const out: TypedValue[] = []
  if (settings.enable !== undefined) out.push({ name: `${base}PeriodicInformEnable`, value: String(settings.enable), type: 'xsd:boolean' })
  if (settings.intervalSeconds !== undefined) out.push({ name: `${base}PeriodicInformInterval`, value: String(settings.intervalSeconds), type: 'xsd:unsignedInt' })
  if (settings.time !== undefined) out.push({ name: `${base}PeriodicInformTime`, value: settings.time, type: 'xsd:dateTime' })
  return out
}
