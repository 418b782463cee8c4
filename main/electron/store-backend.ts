import { resolve } from 'node:path'
import ElectronStore from 'electron-store'
import type { StoreBackend } from '../store/backend'
import { parseStoreText, readStoreFile, STORE_FILE_MODE } from '../store/json-file'

/**
 * A StoreBackend over electron-store in the app's data folder; never clears a file it cannot read.
 * Reads bypass electron-store, which turns a file holding null, [] or 0 into an empty object.
 */
export function createElectronStoreBackend(dataDir: string, name: string): StoreBackend {
  const path = resolve(dataDir, `${name}.json`)
  let store: ElectronStore<Record<string, unknown>> | undefined
  const open = () => {
    store ??= new ElectronStore<Record<string, unknown>>({
      name,
      cwd: dataDir,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      configFileMode: STORE_FILE_MODE,
      deserialize: (text) => parseStoreText(text) as Record<string, unknown>,
    })
    return store
  }
  return {
    path,
    read: () => readStoreFile(path),
    write: (document) => {
      open().store = document
    },
  }
}
