import { chmod, writeFile } from 'node:fs/promises'

/**
 * Writes an export or report readable by its owner only. `mode` applies only when the file is
 * created, so an existing file the user chose to overwrite is narrowed to 0600 as well.
 */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  await writeFile(path, text, { encoding: 'utf8', mode: 0o600 })
  await chmod(path, 0o600)
}
