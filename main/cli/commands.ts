import { registerCheck } from './commands/check'
import { registerConnections } from './commands/connections'
import { registerEmulator } from './commands/emulator'
import { registerEnvironments } from './commands/environments'
import { registerExplain } from './commands/explain'
import { registerMetadata } from './commands/metadata'
import { registerQuery } from './commands/query'
import { registerToken } from './commands/token'
import { registerUrl } from './commands/url'
import type { CommandRegistrar } from './program'

/** Every `dvw` sub-command, in the order `dvw --help` lists them. */
export const commands: readonly CommandRegistrar[] = [
  registerCheck,
  registerUrl,
  registerExplain,
  registerToken,
  registerEmulator,
  registerQuery,
  registerMetadata,
  registerConnections,
  registerEnvironments,
]
