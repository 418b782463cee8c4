import { registerCheck } from './commands/check'
import { registerExplain } from './commands/explain'
import { registerToken } from './commands/token'
import type { CommandRegistrar } from './program'

/** Every `dvw` sub-command, in the order `dvw --help` lists them. */
export const commands: readonly CommandRegistrar[] = [registerCheck, registerExplain, registerToken]
