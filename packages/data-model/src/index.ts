/** @acs/data-model: the TR-181 (Device:2) and TR-098 (InternetGatewayDevice:1) data models. */
export { loadDataModel } from './load-data-model.js'
export { rootOf, toTemplatePath } from './path.js'
export { ModelFileError } from './decode-model-file.js'
export { BASE_TYPES } from './model-file.js'
export type { BaseType, DataModelRoot, XsdType } from './model-file.js'
export type {
  Access,
  ActiveNotify,
  DataModel,
  Definition,
  LengthRange,
  ListFacets,
  ObjectDef,
  ParameterDef,
  Status,
  ValidationFaultCode,
  ValidationResult,
  ValueRange,
} from './types.js'
