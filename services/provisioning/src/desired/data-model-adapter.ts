/** The data model as rendering and validation need it. */
import type { DataModel } from '@acs/data-model'
import type { RenderModel } from './render-profile.js'

const SECRET_NAME = /(Password|Passphrase|PreSharedKey|WEPKey|KeyPassphrase|Secret)$/

/** Write-only = hidden/secured in the model, or (vendor parameters) named like a password. */
export function dataModelRenderModel(model: DataModel): RenderModel {
  return {
    isWriteOnly(path) {
      const def = model.lookup(path)
      return def?.kind === 'parameter' ? def.hidden : SECRET_NAME.test(path)
    },
    check(path, value, type) {
      if (!model.lookup(path)) return undefined
      const result = model.validate(path, value, type)
      return result.ok ? undefined : result.message
    },
  }
}
