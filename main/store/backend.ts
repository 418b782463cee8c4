/**
 * The smallest thing a store needs from a host: one JSON document in one file. The Electron host
 * backs it with electron-store, the harness, CLI and tests with conf; both write atomically and
 * both throw (instead of resetting) when the file cannot be parsed.
 */
export interface StoreBackend {
  /** Absolute path of the file, for messages and for copying a damaged file aside. */
  readonly path: string
  /** The whole document; an empty object when the file does not exist. Throws when it cannot be parsed. */
  read(): Record<string, unknown>
  write(document: Record<string, unknown>): void
}

/** Opens (without creating) the store file `<name>.json` in the host's data folder. */
export type OpenStore = (name: string) => StoreBackend
