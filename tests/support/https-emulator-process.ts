/**
 * Runs the HTTPS emulator in its own process for the Playwright fixture and prints one JSON line
 * when ready. (The E2E TypeScript project uses DOM types, under which emulator/ does not type-check,
 * so the fixture talks to it as a process instead of importing it.) Stops on SIGTERM/SIGINT.
 */
import { startHttpsEmulator } from '../../emulator'

const running = await startHttpsEmulator({ rows: { accounts: 20, contacts: 20 } })
process.stdout.write(
  JSON.stringify({
    authorityUrl: running.authorityUrl,
    tenantId: running.tenantId,
    orgs: running.orgs.map((org) => ({ name: org.name, url: org.url })),
    apps: running.apps,
    caPem: running.caPem,
  }) + '\n',
)
const stop = () => {
  void running.close().then(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
