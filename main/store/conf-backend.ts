import { resolve } from 'node:path'
import Conf from 'conf'
import type { StoreBackend } from './backend'

/**
 * A StoreBackend over `conf` (plain Node: CLI, harness, tests). conf reads the file on every access
 * and never clears an invalid file (clearInvalidConfig: false), which is what corruption handling
 * in document-store.ts relies on.
 */
export function createConfBackend(dir: string, name: string): StoreBackend {
  let conf: Conf<Record<string, unknown>> | undefined
  const open = (): Conf<Record<string, unknown>> => {
    // The constructor itself reads the file, so a damaged file throws here until it is fixed.
    conf ??= new Conf<Record<string, unknown>>({
      cwd: dir,
      configName: name,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
    })
    return conf
  }
  return {
    path: resolve(dir, `${name}.json`),
    read: () => open().store,
    write: (document) => {
      open().store = document
    },
  }
}
