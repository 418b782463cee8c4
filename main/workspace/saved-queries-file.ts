/**
 * The saved-queries export file on disk. The user picks the path in main's own dialogs; this module
 * reads and writes it and turns every file-system failure into a message that says what happened,
 * why and what to do. Validating the content is SavedQueries.importJson's job.
 */
import { writePrivateFile } from '../store/private-file'
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { AppFailure } from '@common/result'

/** Far above any real library (a query is a few hundred bytes); a bigger file is the wrong file. */
const MAX_SAVED_QUERIES_FILE_BYTES = 20_000_000

export const SAVED_QUERIES_FILTERS = [{ name: 'Saved queries (JSON)', extensions: ['json'] }] as const

export function savedQueriesFileName(now: Date = new Date()): string {
  return `saved-queries-${now.toISOString().slice(0, 10)}.json`
}

function codeOf(error: unknown): string | undefined {
  return error && typeof error === 'object' && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined
}

/** Why a file operation failed, in words, for the error's `cause`. */
function reasonOf(error: unknown): string {
  switch (codeOf(error)) {
    case 'ENOENT':
      return 'The file or its folder does not exist (it was moved, renamed or deleted after it was chosen).'
    case 'EACCES':
    case 'EPERM':
      return 'This app is not allowed to access it (file permissions, or another program has it locked).'
    case 'EISDIR':
      return 'The path is a folder, not a file.'
    case 'ENOSPC':
      return 'The disk is full.'
    case 'EROFS':
      return 'The drive is read-only.'
    default:
      return `The operating system refused: ${error instanceof Error ? error.message : String(error)}.`
  }
}

/** The text of an export file, refused before reading when it cannot be one. The file is never changed. */
export async function readSavedQueriesFile(path: string): Promise<string> {
  let size: number
  try {
    const info = await stat(path)
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' })
    size = info.size
  } catch (error) {
    throw new AppFailure(
      {
        code: 'INVALID_INPUT',
        message: `${basename(path)} could not be opened, so no query was imported.`,
        cause: reasonOf(error),
        next: 'Choose the file again.',
      },
      { cause: error },
    )
  }
  if (size > MAX_SAVED_QUERIES_FILE_BYTES) {
    throw new AppFailure({
      code: 'INVALID_INPUT',
      message: `${basename(path)} is too large to be a saved-queries export (over 20 MB), so no query was imported.`,
      cause: 'The wrong file was chosen.',
      next: 'Choose a file exported from Dataverse Workbench (Saved queries → Export).',
    })
  }
  try {
    // Editors on Windows like to start UTF-8 files with a byte-order mark; JSON.parse does not.
    return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '')
  } catch (error) {
    throw new AppFailure(
      {
        code: 'INVALID_INPUT',
        message: `${basename(path)} could not be read, so no query was imported.`,
        cause: reasonOf(error),
        next: 'Choose the file again.',
      },
      { cause: error },
    )
  }
}

export async function writeSavedQueriesFile(path: string, json: string): Promise<void> {
  try {
    await writePrivateFile(path, json)
  } catch (error) {
    throw new AppFailure(
      {
        code: 'INVALID_INPUT',
        message: `The saved queries could not be written to ${path}.`,
        cause: reasonOf(error),
        next: 'Export again and choose another folder (your documents folder, for example). Your saved queries are unchanged.',
      },
      { cause: error },
    )
  }
}
