/**
 * The app's secret vault: values encrypted with Electron safeStorage (DPAPI on Windows, Keychain on
 * macOS, the desktop keyring on Linux) and kept as base64 ciphertext in their own store file,
 * `secrets.json`, apart from the connections. When the OS offers no real encryption — including
 * Linux's "basic_text" fallback, which uses a hard-coded key — secrets are kept in memory for this
 * session only and `persistent` is false so the UI can say so.
 */
import { z } from 'zod'
import { createMemoryVault, type SecretVault } from '../connections/vault'
import type { StoreBackend } from '../store/backend'
import { createDocumentStore } from '../store/document-store'

/** The part of Electron's safeStorage the vault uses (injected so it can be tested without the binary). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
  getSelectedStorageBackend?(): string
}

const SecretsDocumentSchema = z.object({ entries: z.record(z.string(), z.string()) })

function encryptionIsReal(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return false
  return true
}

export function createSafeStorageVault(
  safeStorage: SafeStorageLike,
  backend: StoreBackend,
  platform: NodeJS.Platform = process.platform,
): SecretVault {
  if (!encryptionIsReal(safeStorage, platform)) return createMemoryVault({ persistent: false })
  const store = createDocumentStore<z.infer<typeof SecretsDocumentSchema>>({
    backend,
    label: 'stored secrets',
    schema: SecretsDocumentSchema,
    version: 1,
    empty: () => ({ entries: {} }),
  })
  return {
    persistent: true,
    async set(key, value) {
      const cipher = safeStorage.encryptString(value).toString('base64')
      store.update((document) => ({ entries: { ...document.entries, [key]: cipher } }))
    },
    async get(key) {
      const cipher = store.read().entries[key]
      return cipher === undefined ? undefined : safeStorage.decryptString(Buffer.from(cipher, 'base64'))
    },
    async delete(key) {
      if (!(key in store.read().entries)) return
      store.update((document) => {
        const entries = { ...document.entries }
        delete entries[key]
        return { entries }
      })
    },
    async has(key) {
      return key in store.read().entries
    },
  }
}
