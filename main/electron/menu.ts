import { app, dialog, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import { events, type EventPayloadOf } from '@common/contract'
import type { AppCommand } from '@common/contract/app'

export interface MenuActions {
  readonly platform: NodeJS.Platform
  /** Hands a command to the window as the contract's app:command-invoked event. */
  readonly command: (command: AppCommand) => void
  readonly about: () => void
  readonly openLogsFolder: () => void
  readonly checkForUpdates: (() => void) | null
  readonly automaticUpdates: () => boolean
  readonly setAutomaticUpdates: (on: boolean) => void
}

/**
 * The application menu: the platform's standard roles (macOS app menu, Edit, View, Window, Help)
 * with the app's own commands in them. Accelerators match the window's own shortcuts.
 */
export function buildMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = actions.platform === 'darwin'
  const updates: MenuItemConstructorOptions[] = actions.checkForUpdates
    ? [
        { label: 'Check for Updates…', click: actions.checkForUpdates },
        {
          label: 'Check for Updates Automatically',
          type: 'checkbox',
          checked: actions.automaticUpdates(),
          click: (item) => actions.setAutomaticUpdates(item.checked),
        },
      ]
    : []
  const about: MenuItemConstructorOptions = { label: `About ${app.getName()}`, click: actions.about }
  return [
    ...(mac
      ? [
          {
            role: 'appMenu' as const,
            submenu: [
              about,
              ...updates,
              { type: 'separator' as const },
              { role: 'services' as const },
              { type: 'separator' as const },
              { role: 'hide' as const },
              { role: 'hideOthers' as const },
              { role: 'unhide' as const },
              { type: 'separator' as const },
              { role: 'quit' as const },
            ],
          },
        ]
      : []),
    {
      role: 'fileMenu',
      submenu: [
        { label: 'New Query', accelerator: 'CmdOrCtrl+N', click: () => actions.command('new-query') },
        { label: 'Test Connection', accelerator: 'CmdOrCtrl+Shift+T', click: () => actions.command('test-connection') },
        // Ctrl/Cmd+W closes a tab in the window, so no menu item may take it for closing the window.
        ...(mac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
      ],
    },
    { role: 'editMenu' },
    {
      role: 'viewMenu',
      submenu: [
        // The window handles Ctrl/Cmd+Shift+P itself; registering it here too would toggle twice.
        {
          label: 'Present',
          accelerator: 'CmdOrCtrl+Shift+P',
          registerAccelerator: false,
          click: () => actions.command('toggle-presentation'),
        },
        { type: 'separator' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'resetZoom' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        { role: 'reload' },
        { role: 'toggleDevTools' },
      ],
    },
    {
      role: 'windowMenu',
      submenu: mac
        ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'zoom' }],
    },
    {
      role: 'help',
      submenu: [
        { label: 'Open Logs Folder', click: actions.openLogsFolder },
        ...(mac ? [] : [{ type: 'separator' as const }, ...updates, about]),
      ],
    },
  ]
}

/** The contract event for a menu command, validated like every main→renderer event. */
function commandEvent(command: AppCommand): EventPayloadOf<'app:command-invoked'> {
  return events['app:command-invoked'].payload.parse({ command })
}

export function aboutText(): string {
  return [
    `Version ${app.getVersion()}`,
    `Electron ${process.versions.electron ?? 'unknown'}`,
    `Chromium ${process.versions.chrome ?? 'unknown'}`,
    `Node ${process.versions.node}`,
    `${process.platform} ${process.arch}`,
  ].join('\n')
}

export interface InstallMenuOptions {
  readonly window: () => BrowserWindow | undefined
  readonly logsFolder: string
  readonly checkForUpdates: (() => void) | null
  readonly automaticUpdates: () => boolean
  readonly setAutomaticUpdates: (on: boolean) => void
}

export function installApplicationMenu(options: InstallMenuOptions): void {
  const template = buildMenuTemplate({
    platform: process.platform,
    command: (command) => options.window()?.webContents.send('app:command-invoked', commandEvent(command)),
    about: () => {
      const window = options.window()
      const box = {
        type: 'info' as const,
        title: `About ${app.getName()}`,
        message: app.getName(),
        detail: aboutText(),
        buttons: ['OK'],
        noLink: true,
      }
      void (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box))
    },
    openLogsFolder: () => void shell.openPath(options.logsFolder),
    checkForUpdates: options.checkForUpdates,
    automaticUpdates: options.automaticUpdates,
    setAutomaticUpdates: options.setAutomaticUpdates,
  })
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
