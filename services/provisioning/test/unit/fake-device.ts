import type { CpeRequest } from '@acs/cwmp'
import type { Reported } from '../../src/converge/diff.js'

interface Param {
  value: string
  type: string
  hidden?: boolean
}

/** A CPE parameter tree just rich enough to answer the planner's RPCs. */
export class FakeDevice {
  readonly params = new Map<string, Param>()
  readonly attributes = new Map<string, number>()
  readonly sent: CpeRequest[] = []
  parameterKey = ''

  constructor(
    readonly root: 'Device' | 'InternetGatewayDevice',
    initial: Record<string, string | Param>,
    private readonly tables: Record<string, string[]> = {},
  ) {
    for (const [k, v] of Object.entries(initial)) this.params.set(k, typeof v === 'string' ? { value: v, type: 'xsd:string' } : v)
  }

  informValues(): Map<string, string> {
    return new Map([[`${this.root}.ManagementServer.ParameterKey`, this.parameterKey], [`${this.root}.DeviceInfo.SoftwareVersion`, '1.2.3']])
  }

  read(names: string[]): Map<string, Reported> {
    const out = new Map<string, Reported>()
    for (const n of names) {
      for (const [k, p] of this.params) {
        if (k === n || (n.endsWith('.') && k.startsWith(n))) out.set(k, { value: p.hidden ? '' : p.value, type: p.type })
      }
    }
    return out
  }

  /** Applies an RPC; returns the AddObject instance number where there is one. */
  apply(rpc: CpeRequest): number | undefined {
    this.sent.push(rpc)
    switch (rpc.method) {
      case 'SetParameterValues':
        for (const p of rpc.parameterList) this.params.set(p.name, { ...this.params.get(p.name), value: p.value, type: p.type })
        this.parameterKey = rpc.parameterKey
        return undefined
      case 'AddObject': {
        const existing = [...this.params.keys()].filter((k) => k.startsWith(rpc.objectName)).map((k) => Number(k.slice(rpc.objectName.length).split('.')[0]))
        const n = Math.max(0, ...existing) + 1
        for (const name of this.tables[rpc.objectName] ?? []) this.params.set(`${rpc.objectName}${n}.${name}`, { value: '', type: 'xsd:string' })
        this.parameterKey = rpc.parameterKey
        return n
      }
      case 'DeleteObject':
        for (const k of [...this.params.keys()]) if (k.startsWith(rpc.objectName)) this.params.delete(k)
        this.parameterKey = rpc.parameterKey
        return undefined
      case 'SetParameterAttributes':
        for (const a of rpc.parameterList) if (a.notificationChange) this.attributes.set(a.name, a.notification)
        return undefined
      default:
        return undefined
    }
  }
}
