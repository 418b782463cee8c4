/**
 * The smallest thing a store needs from a host: one JSON document in one file. The Electron host
 * backs it with electron-store, the harness, CLI and tests with conf; both write atomically with
 * mode 0600, and both throw (instead of resetting) when the file cannot be parsed.
 */
export interface StoreBackend {
  /** Absolute path of the file, for messages and for copying a damaged file aside. */
  readonly path: string
  /**
   * The file's parsed content as it is, whatever its shape (null, an array, a number…), so the store
   * can tell a damaged file from a missing one; undefined when the file does not exist. Throws when
   * it cannot be parsed.
   */
  read(): unknown
  write(document: Record<string, unknown>): void
}

/** Opens (without creating) the store file `<name>.json` in the host's data folder. */
export type OpenStore = (name: string) => StoreBackend
