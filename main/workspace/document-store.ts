import { existsSync } from 'node:fs'
import { rename } from 'node:fs/promises'
import { join } from 'node:path'
import Conf from 'conf'
import type { z } from 'zod'
import { AppFailure } from '../../common/result'

/** One JSON document on disk (history, saved queries, open tabs), read and written whole. */
export interface DocumentStore<T> {
  read(): Promise<T>
  write(value: T): Promise<void>
}

function timestamp(): string {
  return new Date().toISOString().replaceAll(':', '-')
}

/**
 * A DocumentStore over `conf` (atomic writes) in the host's data folder. A file that does not parse
 * or does not match its schema is moved aside as `<file>.corrupt-<timestamp>` and the caller gets
 * STORE_CORRUPT naming that copy; it is never silently reset, and the next access starts afresh.
 */
export function openDocumentStore<S extends z.ZodType>(options: {
  readonly dir: string
  readonly name: string
  readonly what: string
  readonly schema: S
  readonly empty: () => z.output<S>
}): DocumentStore<z.output<S>> {
  const file = join(options.dir, `${options.name}.json`)
  let conf: Conf<{ document: unknown }> | undefined
  // This process is the file's only writer, so the validated document is kept between calls.
  let current: z.output<S> | undefined

  const moveAside = async (reason: string, error?: unknown): Promise<never> => {
    conf = undefined
    current = undefined
    const aside = `${file}.corrupt-${timestamp()}`
    if (existsSync(file)) await rename(file, aside)
    throw new AppFailure(
      {
        code: 'STORE_CORRUPT',
        message: `Your ${options.what} file could not be read (${reason}). It was kept as ${aside}.`,
        cause: 'The file was changed outside the app, or the disk was full or interrupted while it was written.',
        next: `The app starts a new ${options.what} list. Open the kept copy in a text editor if you need something from it.`,
        details: { file: aside },
      },
      { cause: error },
    )
  }

  const open = async (): Promise<Conf<{ document: unknown }>> => {
    if (conf) return conf
    try {
      conf = new Conf<{ document: unknown }>({
        cwd: options.dir,
        configName: options.name,
        projectName: 'dataverse-workbench',
        projectSuffix: '',
        clearInvalidConfig: false,
        serialize: (value) => JSON.stringify(value),
      })
    } catch (error) {
      return moveAside('it is not valid JSON', error)
    }
    return conf
  }

  return {
    async read() {
      if (current !== undefined) return current
      const store = await open()
      if (!store.has('document')) return options.empty()
      const parsed = options.schema.safeParse(store.get('document'))
      if (!parsed.success) return moveAside(`it does not match the expected format: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
      current = parsed.data
      return parsed.data
    },
    async write(value) {
      const store = await open()
      store.set('document', value)
      current = value
    },
  }
}
