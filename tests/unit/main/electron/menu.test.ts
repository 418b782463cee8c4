import type { MenuItemConstructorOptions } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { events } from '@common/contract'

vi.mock('electron', () => import('./electron-mock'))

const electron = (await import('electron')) as unknown as typeof import('./electron-mock')
const { aboutText, buildMenuTemplate, installApplicationMenu } = await import('../../../../main/electron/menu')

type Item = MenuItemConstructorOptions

function flatten(items: readonly Item[]): Item[] {
  return items.flatMap((item) => [item, ...flatten(Array.isArray(item.submenu) ? item.submenu : [])])
}

const find = (items: readonly Item[], label: string) => flatten(items).find((item) => item.label === label)

function actions(platform: NodeJS.Platform) {
  return {
    platform,
    command: vi.fn(),
    about: vi.fn(),
    openLogsFolder: vi.fn(),
    checkForUpdates: vi.fn(),
    automaticUpdates: () => false,
    setAutomaticUpdates: vi.fn(),
  }
}

const click = (item: Item | undefined, checked = false) =>
  (item?.click as ((menuItem: { checked: boolean }) => void) | undefined)?.({ checked })

describe('application menu', () => {
  beforeEach(() => vi.clearAllMocks())

  it('has the platform roles: the app menu on macOS, then File, Edit, View, Window and Help', () => {
    expect(buildMenuTemplate(actions('darwin')).map((item) => item.role)).toEqual([
      'appMenu',
      'fileMenu',
      'editMenu',
      'viewMenu',
      'windowMenu',
      'help',
    ])
    expect(buildMenuTemplate(actions('win32')).map((item) => item.role)).toEqual([
      'fileMenu',
      'editMenu',
      'viewMenu',
      'windowMenu',
      'help',
    ])
    const roles = flatten(buildMenuTemplate(actions('darwin'))).map((item) => item.role)
    expect(roles).toEqual(
      expect.arrayContaining(['quit', 'hide', 'services', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']),
    )
    expect(flatten(buildMenuTemplate(actions('linux'))).map((item) => item.role)).toContain('quit')
  })

  it('leaves Ctrl/Cmd+W to the window (it closes a tab) and does not double-register Present', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const items = flatten(buildMenuTemplate(actions(platform)))
      expect(items.map((item) => item.role)).not.toContain('close')
      expect(items.filter((item) => item.accelerator === 'CmdOrCtrl+W')).toEqual([])
    }
    expect(find(buildMenuTemplate(actions('win32')), 'Present')?.registerAccelerator).toBe(false)
  })

  it("holds the app's commands with shortcuts, and each click hands its command on", () => {
    const wired = actions('linux')
    const template = buildMenuTemplate(wired)
    expect(find(template, 'New Query')?.accelerator).toBe('CmdOrCtrl+N')
    click(find(template, 'New Query'))
    click(find(template, 'Test Connection'))
    click(find(template, 'Present'))
    expect(wired.command.mock.calls).toEqual([['new-query'], ['test-connection'], ['toggle-presentation']])
    click(find(template, 'Open Logs Folder'))
    expect(wired.openLogsFolder).toHaveBeenCalled()
    click(find(template, 'Check for Updates Automatically'), true)
    expect(wired.setAutomaticUpdates).toHaveBeenCalledWith(true)
    expect(find(template, 'Check for Updates Automatically')?.checked).toBe(false)
  })

  it('leaves the update items out where the app cannot update (unpackaged)', () => {
    const template = buildMenuTemplate({ ...actions('win32'), checkForUpdates: null })
    expect(find(template, 'Check for Updates…')).toBeUndefined()
    expect(find(template, 'About Dataverse Workbench')).toBeDefined()
  })

  it('sends a clicked command to the window as the contract event, and shows the versions in About', async () => {
    const window = new electron.BrowserWindow({})
    installApplicationMenu({
      window: () => window as never,
      logsFolder: '/logs',
      checkForUpdates: null,
      automaticUpdates: () => false,
      setAutomaticUpdates: vi.fn(),
    })
    const template = electron.Menu.current?.template as Item[]
    click(find(template, 'New Query'))
    expect(window.webContents.send).toHaveBeenCalledWith('app:command-invoked', { command: 'new-query' })
    expect(events['app:command-invoked'].payload.safeParse(window.webContents.send.mock.calls[0]?.[1]).success).toBe(
      true,
    )

    click(find(template, 'Open Logs Folder'))
    expect(electron.shell.openPath).toHaveBeenCalledWith('/logs')

    click(find(template, 'About Dataverse Workbench'))
    const [, box] = electron.dialog.showMessageBox.mock.calls[0] as [unknown, { detail: string }]
    expect(box.detail).toBe(aboutText())
    expect(aboutText()).toMatch(/^Version 0\.1\.0\nElectron .+\nChromium .+\nNode \d+/)
  })
})
