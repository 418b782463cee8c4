import Conf from 'conf'
import { z } from 'zod'
import {
  HistoryEntrySchema,
  type CheckResult,
  type HistoryChange,
  type HistoryDiff,
  type HistoryEntry,
} from '../../common/diagnostics'
import { AppFailure } from '../../common/result'

/**
 * The little a history needs from a store. The connections layer's electron-store/conf files
 * satisfy it; `createConfHistoryStore` is the stand-alone implementation (CLI, tests).
 */
export interface HistoryStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
}

export const HISTORY_LIMIT = 20

export function createConfHistoryStore(dir: string): HistoryStore {
  // Connection ids are used as keys verbatim; dot-notation would split an id that contains a dot.
  const conf = new Conf<Record<string, unknown>>({ projectName: 'dataverse-workbench', cwd: dir, configName: 'check-history', accessPropertiesByDotNotation: false })
  return { get: (key) => conf.get(key), set: (key, value) => conf.set(key, value) }
}

const EntriesSchema = z.array(HistoryEntrySchema)

/** Reduces a check to what history keeps: statuses, diagnosis ids and the facts "what changed" compares. */
export function summariseCheck(check: CheckResult): HistoryEntry {
  return {
    checkId: check.checkId,
    startedAt: check.startedAt,
    outcome: check.outcome,
    durationMs: check.durationMs,
    steps: check.steps.map((step) => ({
      id: step.id,
      status: step.status,
      summary: step.summary,
      diagnosisIds: step.diagnoses.map((diagnosis) => diagnosis.id),
      facts: step.facts,
    })),
  }
}

export function isPassing(entry: HistoryEntry): boolean {
  return entry.outcome === 'pass' || entry.outcome === 'warn'
}

export function diffEntries(baseline: HistoryEntry, latest: HistoryEntry): HistoryChange[] {
  const changes: HistoryChange[] = []
  for (const step of latest.steps) {
    const before = baseline.steps.find((candidate) => candidate.id === step.id)
    if (!before) continue
    if (before.status !== step.status) changes.push({ kind: 'status', stepId: step.id, before: before.status, after: step.status })
    const labels = new Set([...before.facts.map((f) => f.label), ...step.facts.map((f) => f.label)])
    for (const label of labels) {
      const was = before.facts.find((f) => f.label === label)?.value
      const now = step.facts.find((f) => f.label === label)?.value
      // A step that did not run has no facts; that is a status change, not a fact change.
      if (was !== now && step.status !== 'skip' && before.status !== 'skip') {
        changes.push({ kind: 'fact', stepId: step.id, label, ...(was !== undefined ? { before: was } : {}), ...(now !== undefined ? { after: now } : {}) })
      }
    }
  }
  return changes
}

export interface CheckHistory {
  /** Newest first. */
  list(connectionId: string): HistoryEntry[]
  record(connectionId: string, check: CheckResult): HistoryEntry
  /** The newest check compared with the last passing check before it. */
  changesSinceLastPass(connectionId: string): HistoryDiff
}

export function createCheckHistory(store: HistoryStore, limit = HISTORY_LIMIT): CheckHistory {
  const key = (connectionId: string) => `checks:${connectionId}`
  const read = (connectionId: string): HistoryEntry[] => {
    const raw = store.get(key(connectionId))
    if (raw === undefined) return []
    const parsed = EntriesSchema.safeParse(raw)
    if (!parsed.success) {
      // Never overwrite what we cannot read: the user may want the file back.
      throw new AppFailure({
        code: 'STORE_CORRUPT',
        message: 'The check history of this connection could not be read.',
        cause: 'The history file was changed outside the app or written by a newer version.',
        next: 'The file was left as it is. Move check-history.json out of the app data folder to start a new history.',
      })
    }
    return parsed.data
  }
  return {
    list: read,
    record(connectionId, check) {
      const entry = summariseCheck(check)
      store.set(key(connectionId), [entry, ...read(connectionId)].slice(0, limit))
      return entry
    },
    changesSinceLastPass(connectionId) {
      const [latest, ...older] = read(connectionId)
      const baseline = older.find(isPassing)
      if (!latest || !baseline) return { changes: [] }
      return { baseline: { checkId: baseline.checkId, startedAt: baseline.startedAt }, changes: diffEntries(baseline, latest) }
    },
  }
}
