import { resolve } from 'node:path'
import ElectronStore from 'electron-store'
import type { StoreBackend } from '../store/backend'

/** A StoreBackend over electron-store in the app's data folder; never clears a file it cannot read. */
export function createElectronStoreBackend(dataDir: string, name: string): StoreBackend {
  let store: ElectronStore<Record<string, unknown>> | undefined
  const open = () => {
    store ??= new ElectronStore<Record<string, unknown>>({
      name,
      cwd: dataDir,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
    })
    return store
  }
  return {
    path: resolve(dataDir, `${name}.json`),
    read: () => open().store,
    write: (document) => {
      open().store = document
    },
  }
}
