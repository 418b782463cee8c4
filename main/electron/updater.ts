import { app, dialog, type BrowserWindow } from 'electron'
import electronUpdater from 'electron-updater'
import type { UpdateInfo } from 'electron-updater'
import type { AppSettingsService } from '../store/app-settings'
import { UpdatePolicy, type AvailableUpdate } from './update-policy'

/** GitHub release notes arrive as HTML; the dialog shows plain text. */
function plainReleaseNotes(notes: UpdateInfo['releaseNotes']): string {
  const text = Array.isArray(notes)
    ? notes.map((note) => `${note.version}\n${note.note ?? ''}`).join('\n\n')
    : (notes ?? '')
  const plain = text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|li|h\d)>/gi, '\n')
    .replace(/<li>/gi, '• ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
  return plain.length > 4000
    ? `${plain.slice(0, 4000)}…`
    : plain || 'No release notes were published with this version.'
}

export interface UpdaterWiring {
  readonly settings: AppSettingsService
  readonly busy: () => boolean
  readonly window: () => BrowserWindow | undefined
  readonly log: (message: string) => void
}

/**
 * electron-updater against the GitHub releases named in app-update.yml (written by electron-builder).
 * Only a packaged app updates; the policy decides when (see update-policy.ts).
 */
export function startUpdater(wiring: UpdaterWiring): UpdatePolicy | null {
  if (!app.isPackaged) return null
  const { autoUpdater } = electronUpdater
  // The policy downloads only when nothing is running, and asks before installing.
  autoUpdater.autoDownload = false
  autoUpdater.autoInstallOnAppQuit = true
  autoUpdater.logger = { info: wiring.log, warn: wiring.log, error: wiring.log, debug: () => undefined }

  const showMessage = (options: Electron.MessageBoxOptions) => {
    const window = wiring.window()
    return window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options)
  }
  const policy = new UpdatePolicy({
    automaticUpdates: () => wiring.settings.read().automaticUpdates,
    busy: wiring.busy,
    log: wiring.log,
    updater: {
      check: async (): Promise<AvailableUpdate | null> => {
        const result = await autoUpdater.checkForUpdates()
        if (!result?.isUpdateAvailable) return null
        return { version: result.updateInfo.version, notes: plainReleaseNotes(result.updateInfo.releaseNotes) }
      },
      download: async () => {
        await autoUpdater.downloadUpdate()
      },
      installNow: () => autoUpdater.quitAndInstall(),
    },
    prompt: {
      offerRestart: async (update) => {
        const { response } = await showMessage({
          type: 'info',
          title: 'Update ready',
          message: `Dataverse Workbench ${update.version} is ready to install.`,
          detail: `What is new:\n\n${update.notes}\n\nRestarting closes the window; your connections, queries and open tabs are kept.`,
          buttons: ['Restart now', 'Later (install when I quit)'],
          defaultId: 0,
          cancelId: 1,
          noLink: true,
        })
        return response === 0
      },
      tell: (message) => void showMessage({ type: 'info', title: 'Updates', message, buttons: ['OK'], noLink: true }),
    },
  })
  wiring.settings.onChange(() => policy.settingsChanged())
  policy.settingsChanged()
  return policy
}
