/**
 * Where secrets live: client secrets and certificate passwords, keyed by connection id. Only main
 * reads them back (get); the renderer learns only `has` through the connection view.
 *
 * Implementations: Electron safeStorage ciphertext in its own store file (main/electron/vault.ts);
 * in memory (tests, the CLI, and the session-only fallback when the OS cannot encrypt).
 */
export interface SecretVault {
  set(key: string, value: string): Promise<void>
  /** Main process only. Undefined when nothing is stored under the key. */
  get(key: string): Promise<string | undefined>
  delete(key: string): Promise<void>
  has(key: string): Promise<boolean>
  /** False when secrets last only until the app quits (no OS encryption): the UI must say so. */
  readonly persistent: boolean
}

/** Vault keys for a connection's credentials. */
export const vaultKeys = {
  secret: (connectionId: string) => `${connectionId}:client-secret`,
  certificatePassword: (connectionId: string) => `${connectionId}:certificate-password`,
} as const

export function createMemoryVault(options: { persistent?: boolean } = {}): SecretVault {
  const values = new Map<string, string>()
  return {
    persistent: options.persistent ?? false,
    set: async (key, value) => {
      values.set(key, value)
    },
    get: async (key) => values.get(key),
    delete: async (key) => {
      values.delete(key)
    },
    has: async (key) => values.has(key),
  }
}
