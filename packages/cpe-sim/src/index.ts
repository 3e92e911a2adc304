export { runInformLoad, type InformLoadOptions, type LoadResult } from './load/run-inform-load.js'
export type { LatencySummary } from './load/latency-samples.js'
export type { LoadModel } from './load/inform-template.js'
