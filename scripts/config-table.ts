/**
 * Prints the README's configuration table from the services' environment schemas, so the
 * documentation cannot drift from what the processes accept:
 *   node --conditions=source --import tsx scripts/config-table.ts
 */
import type { TObject, TSchema } from '@sinclair/typebox'
import { GatewayEnv } from '@acs/gateway'
import { ProvisioningEnv } from '@acs/provisioning'

/** Every variable any ACS process reads, with the processes that read it. */
export function configVariables(): { name: string; default: string; description: string; readBy: string[] }[] {
  const sources: [string, TObject][] = [
    ['gateway', GatewayEnv],
    ['provisioning', ProvisioningEnv],
  ]
  const byName = new Map<string, { name: string; default: string; description: string; readBy: string[] }>()
  for (const [service, schema] of sources) {
    for (const [name, prop] of Object.entries(schema.properties) as [string, TSchema][]) {
      const entry = byName.get(name) ?? {
        name,
        default: prop.default === undefined ? 'unset' : `\`${String(prop.default)}\``,
        description: String(prop.description ?? ''),
        readBy: [],
      }
      entry.readBy.push(service)
      byName.set(name, entry)
    }
  }
  return [...byName.values()]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = configVariables().map(
    (v) => `| \`${v.name}\` | ${v.name === 'ACS_GATEWAY_ID' ? 'hostname-pid' : v.default} | ${v.description.replaceAll('|', '\\|')} | ${v.readBy.length > 1 ? 'all' : v.readBy[0]} |`,
  )
  process.stdout.write(['| variable | default | meaning | read by |', '| --- | --- | --- | --- |', ...rows].join('\n') + '\n')
}
