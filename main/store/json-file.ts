import { readFileSync } from 'node:fs'

const BYTE_ORDER_MARK = '\uFEFF'

/**
 * Store files are written by the app and owner-only: they can hold customer data (query text, org
 * addresses), so nobody else on the machine should read them.
 */
export const STORE_FILE_MODE = 0o600

/** Parses a store file's text. A leading byte-order mark (left by some Windows editors) is not part of the JSON. */
export function parseStoreText(text: string): unknown {
  return JSON.parse(text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text)
}

/**
 * The file's parsed content exactly as it is (null, an array or a number included), or undefined when
 * there is no file. Throws when the file cannot be read or parsed.
 */
export function readStoreFile(path: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  return parseStoreText(text)
}
