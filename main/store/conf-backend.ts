import { resolve } from 'node:path'
import Conf from 'conf'
import type { StoreBackend } from './backend'
import { parseStoreText, readStoreFile, STORE_FILE_MODE } from './json-file'

/**
 * A StoreBackend over `conf` (plain Node: CLI, harness, tests). Reads bypass conf, which turns a file
 * holding null, [] or 0 into an empty object; writes go through it for the atomic write. conf never
 * clears an invalid file (clearInvalidConfig: false), which corruption handling in document-store.ts
 * relies on.
 */
export function createConfBackend(dir: string, name: string): StoreBackend {
  const path = resolve(dir, `${name}.json`)
  let conf: Conf<Record<string, unknown>> | undefined
  const open = (): Conf<Record<string, unknown>> => {
    // The constructor itself reads the file, so a damaged file throws here until it is fixed.
    conf ??= new Conf<Record<string, unknown>>({
      cwd: dir,
      configName: name,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      configFileMode: STORE_FILE_MODE,
      deserialize: (text) => parseStoreText(text) as Record<string, unknown>,
    })
    return conf
  }
  return {
    path,
    read: () => readStoreFile(path),
    write: (document) => {
      open().store = document
    },
  }
}
