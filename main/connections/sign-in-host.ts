/**
 * Where a connection may sign in, as the connection service and the import apply it. The check
 * itself is `assertSignInHost` (auth/sign-in-host.ts, also run by the token provider right before
 * MSAL): save, tenant fill-in and every front door (the app's import, `dvw connections import`)
 * call it or `screenImported` below.
 */
import { isSignInHostOf, signInHostOf } from '@common/clouds'
import { ENVIRONMENT_LABELS } from '@common/connection'
import type { ImportedConnection } from './imported-connection'

export { assertSignInHost } from '../auth/sign-in-host'

export interface ScreenedImport {
  readonly item: ImportedConnection
  /** What was changed or blocked, in words for the import result. */
  readonly warnings: string[]
}

/**
 * The rules every import obeys, whatever the file says: the custom sign-in host choice is never
 * imported (a connection whose host is not Entra ID for its cloud arrives blocked: kept as written
 * for review, but no token is asked for until the user ticks "Custom sign-in host" in the editor),
 * and a production connection arrives read-only.
 */
export function screenImported(item: ImportedConnection, where: string): ScreenedImport {
  const warnings: string[] = []
  const claimed = item.connection.customSignInHost === true
  const connection = { ...item.connection, customSignInHost: false }
  const host = connection.authorityHost.toLowerCase()
  if (!isSignInHostOf(connection.cloud, host)) {
    warnings.push(
      `${where}: BLOCKED. Its sign-in host ${host} is not Entra ID for its cloud; a file can name a look-alike host to collect your client secret. ` +
        `No token will be asked for there. Check where the file came from; open the connection in the editor to use ${signInHostOf(connection.cloud)} instead, or tick "Custom sign-in host" if it really is yours (an emulator).`,
    )
  } else if (claimed) {
    warnings.push(
      `${where}: the file asks for a custom sign-in host; that choice is never imported (its host is Entra ID for its cloud, so it is not needed).`,
    )
  }
  if (connection.environment === 'prod') {
    const forced = !connection.readOnly
    connection.readOnly = true
    warnings.push(
      `${where}: ${ENVIRONMENT_LABELS.prod} connection, imported read-only${forced ? ' although the file had read-only off' : ''}. Switch it off in the editor if you really mean to write.`,
    )
  }
  return { item: { ...item, connection }, warnings }
}
