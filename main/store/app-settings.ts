/**
 * App-wide settings (`settings.json`): whether the first-run screen is done, whether updates are
 * looked for (off until the user says so), and where the window was. A damaged file is handled like
 * every store here: copied aside and reported, while the app runs on the defaults.
 */
import { z } from 'zod'
import type { AppSettingsView } from '@common/contract/app'
import type { StoreBackend } from './backend'
import { createDocumentStore, type DocumentStore } from './document-store'

export const APP_SETTINGS_STORE_NAME = 'settings'

const WindowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(100).max(100_000),
  height: z.number().int().min(100).max(100_000),
  maximized: z.boolean(),
})
export type WindowState = z.infer<typeof WindowStateSchema>

const AppSettingsSchema = z.object({
  firstRunDone: z.boolean(),
  automaticUpdates: z.boolean(),
  window: WindowStateSchema.nullable(),
})
export type AppSettings = z.infer<typeof AppSettingsSchema>

export const DEFAULT_APP_SETTINGS: AppSettings = { firstRunDone: false, automaticUpdates: false, window: null }

type AppSettingsChange = Partial<AppSettings>

export interface AppSettingsService {
  /** The saved settings; the defaults while the file is damaged (never throws). */
  read(): AppSettings
  view(): AppSettingsView
  /** Throws STORE_CORRUPT while the file is damaged, so a change is never written over it. */
  update(change: AppSettingsChange): AppSettings
  onChange(listener: (settings: AppSettings) => void): () => void
  readonly path: string
}

function createAppSettingsStore(backend: StoreBackend): DocumentStore<AppSettings> {
  return createDocumentStore({
    backend,
    label: 'app settings',
    schema: AppSettingsSchema,
    version: 1,
    empty: () => ({ ...DEFAULT_APP_SETTINGS }),
  })
}

export function createAppSettings(backend: StoreBackend): AppSettingsService {
  const store = createAppSettingsStore(backend)
  const listeners = new Set<(settings: AppSettings) => void>()
  const read = (): AppSettings => (store.problem() ? { ...DEFAULT_APP_SETTINGS } : store.read())
  return {
    path: store.path,
    read,
    view: () => {
      const { firstRunDone, automaticUpdates } = read()
      return { firstRunDone, automaticUpdates }
    },
    update(change) {
      const next = store.update((current) => ({ ...current, ...change }))
      for (const listener of listeners) listener(next)
      return next
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
