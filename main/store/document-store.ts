/**
 * A versioned, zod-checked JSON document over a StoreBackend, with migrations and corruption
 * handling. A file that cannot be parsed or does not validate is copied aside as
 * `<file>.corrupt-<timestamp>` and reported as STORE_CORRUPT on every access; it is never reset
 * or overwritten until the user explicitly chooses to start fresh (and the copy stays).
 *
 * Why not conf/electron-store's own migrations: those are keyed on the app's semver and run inside
 * the constructor; ours are keyed on a schemaVersion in the file, so a file from a NEWER app is
 * recognised and left alone instead of being "migrated" backwards.
 */
import { copyFileSync, existsSync, rmSync, statSync } from 'node:fs'
import type { z } from 'zod'
import { AppFailure } from '@common/result'
import type { StoreBackend } from './backend'

export interface Migration {
  /** The schemaVersion this migration produces; it receives the document at `to - 1`. */
  readonly to: number
  readonly migrate: (document: Record<string, unknown>) => Record<string, unknown>
}

export interface StoreProblem {
  readonly file: string
  /** Where the damaged file was copied; null when it was not copied (a file from a newer app is left as is). */
  readonly copiedTo: string | null
  readonly reason: 'unreadable' | 'invalid' | 'newer-version'
  /** Parser or validation text. Never contains file content. */
  readonly detail: string
}

export interface DocumentStoreOptions<T> {
  readonly backend: StoreBackend
  /** Plain words for messages, e.g. "saved connections". */
  readonly label: string
  readonly schema: z.ZodType<T>
  readonly version: number
  readonly migrations?: readonly Migration[]
  readonly empty: () => T
  readonly now?: () => Date
}

export interface DocumentStore<T> {
  /** Throws STORE_CORRUPT while the file is damaged. */
  read(): T
  /** Reads, applies the change, validates and writes. Throws STORE_CORRUPT while the file is damaged. */
  update(change: (current: T) => T): T
  /** The current problem, or null. Never throws. */
  problem(): StoreProblem | null
  /** The user's explicit choice after a problem: start with an empty document. The copy is kept. */
  startFresh(): void
  readonly path: string
}

const VERSION_KEY = 'schemaVersion'

function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-')
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'issues' in error && Array.isArray((error as z.ZodError).issues)) {
    return (error as z.ZodError).issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(document)'}: ${issue.message}`)
      .join('; ')
  }
  // JSON.parse messages quote a bit of the file (which may hold anything); keep only the position.
  const message = error instanceof Error ? error.message : String(error)
  if (error instanceof Error && error.name === 'SyntaxError') {
    const position = message.match(/position \d+(?: \(line \d+ column \d+\))?/)?.[0]
    return `not valid JSON${position ? ` (${position})` : ''}`
  }
  return message.slice(0, 200)
}

/**
 * Why a parsed file is not a document this app could have written, or null when it is one. The app
 * always writes an object with a schemaVersion, so null, an array, a scalar or `{}` mean the file was
 * damaged or replaced, and must be kept rather than read as "nothing saved yet".
 */
function shapeProblem(raw: unknown): string | null {
  if (raw === null) return 'the file holds null instead of saved data'
  if (Array.isArray(raw)) return 'the file holds a list instead of saved data'
  if (typeof raw !== 'object') return `the file holds a ${typeof raw} instead of saved data`
  if (Object.keys(raw).length === 0) return 'the file holds an empty object instead of saved data'
  return null
}

export function createDocumentStore<T>(options: DocumentStoreOptions<T>): DocumentStore<T> {
  const { backend } = options
  const now = options.now ?? (() => new Date())
  const migrations = [...(options.migrations ?? [])].sort((a, b) => a.to - b.to)
  let copied: { signature: string; to: string } | null = null

  const signature = (): string => {
    try {
      const stats = statSync(backend.path)
      return `${stats.size}:${stats.mtimeMs}`
    } catch {
      return 'missing'
    }
  }

  const copyAside = (): string | null => {
    if (!existsSync(backend.path)) return null
    const current = signature()
    if (copied?.signature === current && existsSync(copied.to)) return copied.to
    const to = `${backend.path}.corrupt-${stamp(now())}`
    copyFileSync(backend.path, to)
    copied = { signature: current, to }
    return to
  }

  type Loaded = { ok: true; value: T; migratedFrom: number | null } | { ok: false; problem: StoreProblem }

  const load = (): Loaded => {
    let raw: unknown
    try {
      raw = backend.read()
    } catch (error) {
      return {
        ok: false,
        problem: { file: backend.path, copiedTo: copyAside(), reason: 'unreadable', detail: describe(error) },
      }
    }
    if (raw === undefined) return { ok: true, value: options.empty(), migratedFrom: null }
    const notADocument = shapeProblem(raw)
    if (notADocument) {
      return {
        ok: false,
        problem: { file: backend.path, copiedTo: copyAside(), reason: 'invalid', detail: notADocument },
      }
    }
    const stored = raw as Record<string, unknown>
    const found = stored[VERSION_KEY]
    const version = typeof found === 'number' && Number.isInteger(found) ? found : 0
    if (version > options.version) {
      return {
        ok: false,
        problem: {
          file: backend.path,
          copiedTo: null,
          reason: 'newer-version',
          detail: `the file is schema version ${version}; this app understands up to ${options.version}`,
        },
      }
    }
    let document: Record<string, unknown> = { ...stored }
    try {
      for (const migration of migrations) {
        if (migration.to > version && migration.to <= options.version) document = migration.migrate(document)
      }
    } catch (error) {
      return {
        ok: false,
        problem: {
          file: backend.path,
          copiedTo: copyAside(),
          reason: 'invalid',
          detail: `migration failed: ${describe(error)}`,
        },
      }
    }
    delete document[VERSION_KEY]
    const parsed = options.schema.safeParse(document)
    if (!parsed.success) {
      return {
        ok: false,
        problem: { file: backend.path, copiedTo: copyAside(), reason: 'invalid', detail: describe(parsed.error) },
      }
    }
    return { ok: true, value: parsed.data, migratedFrom: version < options.version ? version : null }
  }

  const failure = (problem: StoreProblem): AppFailure =>
    new AppFailure({
      code: 'STORE_CORRUPT',
      message:
        problem.reason === 'newer-version'
          ? `Your ${options.label} were saved by a newer version of the app, so this version will not change them.`
          : `Your ${options.label} file could not be read, so it was left exactly as it is.`,
      cause:
        problem.reason === 'newer-version'
          ? `${problem.file}: ${problem.detail}.`
          : `${problem.file} is damaged (${problem.detail}). It may have been edited by hand or cut short while being written.`,
      next:
        problem.reason === 'newer-version'
          ? 'Update Dataverse Workbench to the newest version.'
          : `A copy was saved as ${problem.copiedTo ?? '(no copy: the file is gone)'}. Repair the file and reopen the app, or choose "Start with an empty list" — the copy is kept either way.`,
      details: { ...problem },
    })

  const write = (value: T) => {
    const checked = options.schema.parse(value)
    backend.write({ [VERSION_KEY]: options.version, ...(checked as Record<string, unknown>) })
  }

  const read = (): T => {
    const loaded = load()
    if (!loaded.ok) throw failure(loaded.problem)
    if (loaded.migratedFrom !== null) {
      if (existsSync(backend.path))
        copyFileSync(backend.path, `${backend.path}.v${loaded.migratedFrom}-${stamp(now())}.bak`)
      write(loaded.value)
    }
    return loaded.value
  }

  return {
    path: backend.path,
    read,
    update(change) {
      const next = change(read())
      write(next)
      return next
    },
    problem() {
      const loaded = load()
      return loaded.ok ? null : loaded.problem
    },
    startFresh() {
      const loaded = load()
      if (loaded.ok) return
      if (!loaded.problem.copiedTo) copyAside()
      // The backend would re-read (and refuse) the damaged file before writing; the copy is safe, so remove it first.
      rmSync(backend.path, { force: true })
      write(options.empty())
      copied = null
    },
  }
}
