/**
 * Checks of saved connections (and the built-in sample): runs them, streams their steps, lets
 * them be cancelled, keeps the finished ones for reports, records them in the connection's
 * history and updates the connection's "last test".
 */
import type { Connection } from '@common/connection'
import { expiryOf } from '@common/credential-expiry'
import type {
  CheckResult,
  CheckRun,
  CheckSubject,
  HistoryDiff,
  HistoryEntry,
  ReportFormat,
  ReportMask,
  StepResult,
} from '@common/diagnostics'
import { AppFailure } from '@common/result'
import type { TokenProvider } from '../auth/token-provider'
import type { AppConnections } from './ad-hoc-connections'
import type { Timeline } from '../http/timeline'
import type { DataverseResponseObserver, FetchLike } from '../http/types'
import type { ServiceProtectionBudgets } from '../http/service-protection-budget'
import { runCheck } from '../diagnostics/check'
import type { CheckHistory } from '../diagnostics/history'
import { renderReport } from '../diagnostics/report'

/** Finished checks kept for reports and tickets; older ones are only in the history (without evidence). */
const KEPT_CHECKS = 20

interface CheckRequest {
  readonly connectionId: string
  readonly checkId: string
  readonly tables?: readonly string[]
  readonly signal?: AbortSignal
  readonly onProgress?: (step: StepResult) => void
}

export interface CheckService {
  run(request: CheckRequest): Promise<CheckRun>
  /** False when no check with this id is running. */
  cancel(checkId: string): boolean
  /** A finished check's report, rendered and redacted. Throws NOT_FOUND for an unknown check. */
  report(checkId: string, format: ReportFormat, mask: ReportMask): string
  /** The subject and result of a finished check (for file names and titles). */
  finished(checkId: string): { readonly subject: CheckSubject; readonly check: CheckResult }
  history(connectionId: string): { entries: HistoryEntry[]; changes: HistoryDiff }
}

export interface CheckServiceOptions {
  readonly connections: AppConnections
  readonly tokens: TokenProvider
  readonly baseFetch: FetchLike
  /** The app's request list, where the check's requests are listed too. */
  readonly requestList?: Timeline
  /** Where the check's Dataverse responses report the connection's service-protection budget. */
  readonly budgets?: ServiceProtectionBudgets
  /** The in-process emulator behind the built-in sample connection. */
  readonly sampleFetch?: () => FetchLike
  readonly history: CheckHistory
  /** What the base fetch is set up with, so the TLS step trusts the same roots and DNS/TLS know about a proxy. */
  readonly network?: () => { readonly trustedCa: readonly string[]; readonly proxy: string | null }
  readonly appVersion: () => string
  readonly now?: () => Date
}

/** The connection as configured, completed by what the check settled (a tenant found by discovery). */
function subjectOf(connection: Connection, check: CheckResult): CheckSubject {
  return {
    connectionName: connection.name,
    environmentUrl: check.resolved?.environmentUrl || connection.orgUrl,
    cloud: connection.cloud,
    tenantId: connection.tenantId || check.resolved?.tenantId || '(not given)',
    clientId: connection.clientId,
    credentialKind: connection.auth.kind,
  }
}

/** One line for the connection list: where it failed and why, or that it passed. */
function lastTestSummary(check: CheckResult): string {
  const failed = check.steps.find((step) => step.status === 'fail')
  if (failed) return `Failed at ${failed.id}: ${failed.summary}`.slice(0, 500)
  const warned = check.steps.filter((step) => step.status === 'warn')
  if (warned.length)
    return `Passed with ${warned.length} warning${warned.length === 1 ? '' : 's'} (${warned.map((step) => step.id).join(', ')}).`
  return `Every step passed (${check.steps.filter((step) => step.status === 'pass').length} of ${check.steps.length}; the others do not apply).`
}

function notFound(checkId: string): AppFailure {
  return new AppFailure({
    code: 'NOT_FOUND',
    message: `There is no finished check ${checkId} to report on.`,
    cause:
      'The check is still running, was cancelled before it started, or the app was restarted since (finished checks are kept until then).',
    next: 'Run the check again, then export its report.',
    details: { checkId },
  })
}

function observeBudget(budgets: ServiceProtectionBudgets, connectionId: string): DataverseResponseObserver {
  return (response) => void budgets.record(connectionId, response)
}

export function createCheckService(options: CheckServiceOptions): CheckService {
  const running = new Map<string, AbortController>()
  const finished = new Map<string, { subject: CheckSubject; check: CheckResult }>()
  const now = options.now ?? (() => new Date())

  options.connections.onChange((change) => {
    if (change.kind !== 'deleted') return
    try {
      options.history.forget(change.id)
    } catch {
      // A damaged history file is reported when it is next read; deleting the connection goes ahead.
    }
  })

  const describeProblem = (error: unknown): string => {
    if (error instanceof AppFailure) return `${error.message} ${error.next}`
    throw error
  }

  const service: CheckService = {
    async run(request) {
      if (running.has(request.checkId) || finished.has(request.checkId)) {
        throw new AppFailure({
          code: 'CONFLICT',
          message: `A check with id ${request.checkId} already exists.`,
          cause: 'The window reused the id of an earlier check.',
          next: 'Start the check again.',
        })
      }
      const connection = options.connections.get(request.connectionId)
      const sample = connection.builtIn === 'sample' && options.sampleFetch !== undefined
      const abort = new AbortController()
      const stop = () => abort.abort(request.signal?.reason)
      request.signal?.addEventListener('abort', stop, { once: true })
      running.set(request.checkId, abort)
      let check: CheckResult
      try {
        check = await runCheck(
          {
            url: connection.orgUrl,
            tenantId: connection.tenantId,
            clientId: connection.clientId,
            authorityHost: connection.authorityHost || null,
            cloud: connection.cloud,
            customSignInHost: connection.customSignInHost ?? false,
            apiVersion: connection.apiVersion,
            credentialKind: connection.auth.kind,
            ...(expiryOf(connection.auth) ? { credentialExpiresOn: expiryOf(connection.auth) } : {}),
            ...(connection.auth.kind === 'federated' && connection.auth.expectedSubject
              ? { federatedExpectedSubject: connection.auth.expectedSubject }
              : {}),
            credential: () => options.connections.credential(connection.id),
            connectionId: connection.id,
            ...(request.tables?.length ? { probeTables: request.tables } : {}),
          },
          {
            base: sample && options.sampleFetch ? options.sampleFetch() : options.baseFetch,
            tokens: options.tokens,
            offline: sample,
            ...(options.requestList ? { requestList: options.requestList } : {}),
            ...(options.budgets ? { observe: observeBudget(options.budgets, connection.id) } : {}),
            ...(sample ? {} : (options.network?.() ?? {})),
          },
          {
            checkId: request.checkId,
            signal: abort.signal,
            ...(request.onProgress ? { onProgress: request.onProgress } : {}),
          },
        )
      } finally {
        running.delete(request.checkId)
        request.signal?.removeEventListener('abort', stop)
      }
      const subject = subjectOf(connection, check)
      finished.set(check.checkId, { subject, check })
      while (finished.size > KEPT_CHECKS) finished.delete(finished.keys().next().value as string)

      let historyProblem: string | null = null
      let changes: HistoryDiff = { changes: [] }
      if (!check.cancelled && options.connections.keepsHistory(connection.id)) {
        try {
          options.history.record(connection.id, check)
          changes = options.history.changesSinceLastPass(connection.id)
        } catch (error) {
          historyProblem = describeProblem(error)
        }
        const status = check.outcome === 'cancelled' ? 'fail' : check.outcome
        await options.connections
          .recordTest(connection.id, { at: now().toISOString(), status, summary: lastTestSummary(check) })
          .catch((error: unknown) => {
            historyProblem ??= describeProblem(error)
          })
      }
      return { check, subject, changes, historyProblem }
    },

    cancel(checkId) {
      const abort = running.get(checkId)
      if (!abort) return false
      abort.abort(new DOMException('The check was cancelled.', 'AbortError'))
      return true
    },

    finished(checkId) {
      const found = finished.get(checkId)
      if (!found) throw notFound(checkId)
      return found
    },

    report(checkId, format, mask) {
      const { subject, check } = service.finished(checkId)
      return renderReport(
        { subject, check, appVersion: options.appVersion(), generatedAt: now().toISOString(), mask },
        format,
      )
    },

    history(connectionId) {
      options.connections.get(connectionId)
      return {
        entries: options.history.list(connectionId),
        changes: options.history.changesSinceLastPass(connectionId),
      }
    },
  }
  return service
}
