export { type CheckEnvironment, type CheckInput } from './context'
export { runCheck } from './run'
