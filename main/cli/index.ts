import { commands } from './commands'
import { processIo } from './io'
import { runCli } from './program'

const code = await runCli(process.argv.slice(2), processIo(), commands)
process.exitCode = code
