import { registerEmulator } from './commands/emulator'
import type { CommandRegistrar } from './program'

/** Every `dvw` sub-command, in the order `dvw --help` lists them. */
export const commands: readonly CommandRegistrar[] = [registerEmulator]
