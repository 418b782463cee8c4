/**
 * What a `$batch` change set needs to be atomic: while a log is open, every change to the
 * in-memory data records how to undo it, and a failed change set undoes them newest first.
 * Rows keep their identity when restored (caches keyed by row object and etag stay correct).
 */
import type { Row } from './data-generator'

export class UndoLog {
  private readonly steps: (() => void)[] = []

  record(step: () => void): void {
    this.steps.push(step)
  }

  rollback(): void {
    for (let i = this.steps.length - 1; i >= 0; i--) this.steps[i]?.()
    this.steps.length = 0
  }
}

/** Shared by an organization's tables and relationships: the open log, if a change set is running. */
export interface Journal {
  log: UndoLog | null
}

/** Records how to put `row` back as it is now; call before changing it in place. */
export function rememberRow(journal: Journal, row: Row, restored: () => void): void {
  const log = journal.log
  if (!log) return
  const before = { ...row }
  log.record(() => {
    for (const key of Object.keys(row)) delete row[key]
    Object.assign(row, before)
    restored()
  })
}
