/** What every part of the provisioning service is built on; passed in, never imported as a global. */
import type { Bus } from '@acs/bus'
import { loadDataModel, type DataModel, type DataModelRoot } from '@acs/data-model'
import type { Store } from '@acs/store'
import type { Logger } from 'pino'
import type { ProvisioningConfig } from '../config.js'
import { dataModelRenderModel } from '../desired/data-model-adapter.js'
import type { RenderModel } from '../desired/render-profile.js'
import type { ProvisioningRepositories } from '../repositories/open-repositories.js'
import { ProfileCache } from './profile-cache.js'

/** The service name: queue group, RPC owner and durable consumer prefix. */
export const SERVICE = 'provisioning'

/** Shared dependencies of handlers, consumers and routes. */
export interface ProvisioningContext {
  config: ProvisioningConfig
  bus: Bus
  store: Store
  repos: ProvisioningRepositories
  logger: Logger
  now: () => Date
  profiles: ProfileCache
  model(root: DataModelRoot): DataModel
  renderModel(root: DataModelRoot): RenderModel
}

/** Whether a data-model root is one provisioning can configure. */
export function isKnownRoot(root: string): root is DataModelRoot {
  return root === 'Device' || root === 'InternetGatewayDevice'
}

/** Builds the context. */
export function createContext(deps: Omit<ProvisioningContext, 'profiles' | 'model' | 'renderModel'>): ProvisioningContext {
  const renderModels = new Map<DataModelRoot, RenderModel>()
  return {
    ...deps,
    profiles: new ProfileCache(deps.repos.profiles),
    model: loadDataModel,
    renderModel(root) {
      let m = renderModels.get(root)
      if (!m) renderModels.set(root, (m = dataModelRenderModel(loadDataModel(root))))
      return m
    },
  }
}
