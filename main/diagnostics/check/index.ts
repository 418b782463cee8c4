export { DEFAULT_PROBE_TABLES, type CheckEnvironment, type CheckInput } from './context'
export { outcomeOf, runCheck, type RunCheckOptions } from './run'
