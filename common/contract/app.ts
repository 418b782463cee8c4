import { z } from 'zod'
import { defineChannel } from './define'

export const AppInfoSchema = z.object({
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
}

export const appEvents = {}
