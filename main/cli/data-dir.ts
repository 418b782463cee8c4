import { homedir } from 'node:os'
import { join } from 'node:path'

/** The app's product name: Electron keeps its userData in a folder of this name. */
const PRODUCT_NAME = 'Dataverse Workbench'

/**
 * Where the desktop app keeps its stores (Electron's `userData`), so `dvw` reads and writes the same
 * saved connections: %APPDATA% on Windows, ~/Library/Application Support on macOS, and
 * $XDG_CONFIG_HOME (default ~/.config) elsewhere. DVW_DATA_DIR overrides it (tests, portable use).
 */
export function appDataDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.DVW_DATA_DIR) return env.DVW_DATA_DIR
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME)
}
