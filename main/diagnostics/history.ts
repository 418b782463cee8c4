/**
 * The per-connection history of checks (the last 20) and "what changed since the last passing
 * check". Kept in `check-history.json` through the shared document store (main/store), so it gets
 * the same schema versioning and corruption handling as the saved connections: a damaged file is
 * copied aside and reported, never reset.
 */
import { z } from 'zod'
import {
  HistoryEntrySchema,
  type CheckResult,
  type HistoryChange,
  type HistoryDiff,
  type HistoryEntry,
} from '@common/diagnostics'
import type { StoreBackend } from '../store/backend'
import { createDocumentStore, type DocumentStore } from '../store/document-store'

export const HISTORY_STORE_NAME = 'check-history'
const HISTORY_LIMIT = 20

const HistoryDocumentSchema = z.object({
  /** Connection id → its checks, newest first. */
  checks: z.record(z.string(), z.array(HistoryEntrySchema)),
})
export type HistoryDocument = z.infer<typeof HistoryDocumentSchema>

export function createHistoryStore(backend: StoreBackend, now?: () => Date): DocumentStore<HistoryDocument> {
  return createDocumentStore({
    backend,
    label: 'check history',
    schema: HistoryDocumentSchema,
    version: 1,
    empty: () => ({ checks: {} }),
    now,
  })
}

/** Reduces a check to what history keeps: statuses, diagnosis ids and the facts "what changed" compares. */
function summariseCheck(check: CheckResult): HistoryEntry {
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

function isPassing(entry: HistoryEntry): boolean {
  return entry.outcome === 'pass' || entry.outcome === 'warn'
}

function diffEntries(baseline: HistoryEntry, latest: HistoryEntry): HistoryChange[] {
  const changes: HistoryChange[] = []
  for (const step of latest.steps) {
    const before = baseline.steps.find((candidate) => candidate.id === step.id)
    if (!before) continue
    if (before.status !== step.status)
      changes.push({ kind: 'status', stepId: step.id, before: before.status, after: step.status })
    const steady = (facts: typeof step.facts) => facts.filter((fact) => !fact.volatile)
    const labels = new Set([...steady(before.facts).map((f) => f.label), ...steady(step.facts).map((f) => f.label)])
    for (const label of labels) {
      const was = before.facts.find((f) => f.label === label)?.value
      const now = step.facts.find((f) => f.label === label)?.value
      // A step that did not run has no facts; that is a status change, not a fact change.
      if (was !== now && step.status !== 'skip' && before.status !== 'skip') {
        changes.push({
          kind: 'fact',
          stepId: step.id,
          label,
          ...(was !== undefined ? { before: was } : {}),
          ...(now !== undefined ? { after: now } : {}),
        })
      }
    }
  }
  return changes
}

export interface CheckHistory {
  /** Newest first. Throws STORE_CORRUPT while the file is damaged. */
  list(connectionId: string): HistoryEntry[]
  record(connectionId: string, check: CheckResult): HistoryEntry
  /** The newest check compared with the last passing check before it. */
  changesSinceLastPass(connectionId: string): HistoryDiff
  /** A deleted connection's history goes with it. */
  forget(connectionId: string): void
}

export function createCheckHistory(store: DocumentStore<HistoryDocument>, limit = HISTORY_LIMIT): CheckHistory {
  const list = (connectionId: string): HistoryEntry[] => store.read().checks[connectionId] ?? []
  return {
    list,
    record(connectionId, check) {
      const entry = summariseCheck(check)
      store.update((current) => ({
        checks: { ...current.checks, [connectionId]: [entry, ...(current.checks[connectionId] ?? [])].slice(0, limit) },
      }))
      return entry
    },
    changesSinceLastPass(connectionId) {
      const [latest, ...older] = list(connectionId)
      const baseline = older.find(isPassing)
      if (!latest || !baseline) return { changes: [] }
      return {
        baseline: { checkId: baseline.checkId, startedAt: baseline.startedAt },
        changes: diffEntries(baseline, latest),
      }
    },
    forget(connectionId) {
      if (!(connectionId in store.read().checks)) return
      store.update((current) => ({
        checks: Object.fromEntries(Object.entries(current.checks).filter(([id]) => id !== connectionId)),
      }))
    },
  }
}
