import { z } from 'zod'
import { defineChannel, defineEvent } from './define'

const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  electron: z.string().nullable(),
  chromium: z.string().nullable(),
  node: z.string(),
  platform: z.string(),
  arch: z.string(),
  /** Where the renderer is hosted: the real Electron app or the Chromium test harness. */
  host: z.enum(['electron', 'harness', 'cli']),
})
export type AppInfo = z.infer<typeof AppInfoSchema>

/** Hosts an external link may open on. https only; anything else is refused in main. */
export const EXTERNAL_LINK_HOSTS = [
  'learn.microsoft.com',
  'docs.microsoft.com',
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.partner.microsoftonline.cn',
  'entra.microsoft.com',
  'portal.azure.com',
  'admin.powerplatform.microsoft.com',
  'make.powerapps.com',
] as const

/** The app's own menu commands that the window carries out (zoom and the standard roles stay in main). */
const APP_COMMANDS = ['new-query', 'test-connection', 'toggle-presentation'] as const
const AppCommandSchema = z.enum(APP_COMMANDS)
export type AppCommand = z.infer<typeof AppCommandSchema>

/** The settings the window may read and change; window placement stays in main. */
const AppSettingsViewSchema = z.object({
  /** The first-run screen was finished or dismissed, so it is not shown again. */
  firstRunDone: z.boolean(),
  /** Look for new versions on GitHub and offer them. Off until the user turns it on. */
  automaticUpdates: z.boolean(),
})
export type AppSettingsView = z.infer<typeof AppSettingsViewSchema>

export const appChannels = {
  'app:info': defineChannel({
    summary: 'Versions of the app and its runtime, for the status bar and reports.',
    request: z.undefined(),
    response: AppInfoSchema,
  }),
  'app:open-external': defineChannel({
    summary: 'Open an allow-listed https documentation link in the system browser.',
    request: z.object({ url: z.string().max(2048) }),
    response: z.object({ opened: z.boolean() }),
  }),
  'app:settings': defineChannel({
    summary:
      'The app settings the window shows: whether the first-run screen is done and whether updates are looked for.',
    request: z.undefined(),
    response: AppSettingsViewSchema,
  }),
  'app:save-settings': defineChannel({
    summary: 'Change app settings: mark the first-run screen done, switch automatic updates on or off.',
    request: z.strictObject({ firstRunDone: z.literal(true).optional(), automaticUpdates: z.boolean().optional() }),
    response: AppSettingsViewSchema,
  }),
}

export const appEvents = {
  'app:command-invoked': defineEvent({
    summary: 'A menu command (or its shortcut) the window carries out: new query, test connection, presentation mode.',
    payload: z.object({ command: AppCommandSchema }),
  }),
}
