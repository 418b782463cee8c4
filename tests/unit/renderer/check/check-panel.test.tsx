import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConnectionView } from '@common/connection'
import { STEP_IDS, type CheckRun, type StepResult } from '@common/diagnostics'
import { CheckPanel, type CheckPanelProps } from '../../../../renderer/src/features/check/CheckPanel'
import { ConnectionsProvider } from '../../../../renderer/src/features/connections/ConnectionsProvider'
import type { DataverseBridge, EventPayloadOf } from '@common/contract'
import { fakeBridge, installBridge, ok } from '../../../support/fake-bridge'

const sample: ConnectionView = {
  id: 'sample',
  name: 'Sample environment (offline)',
  orgUrl: 'https://contoso.crm.dynamics.com',
  apiVersion: '9.2',
  cloud: 'commercial',
  authorityHost: 'login.microsoftonline.com',
  tenantId: '4c192492-e19d-4369-b4be-84470eb0844d',
  clientId: 'd2c764a5-f446-4c69-a646-7d74e7ea5973',
  auth: { kind: 'secret', hasSecret: true, hint: '8xx' },
  environment: 'dev',
  colour: '#038387',
  readOnly: true,
  notes: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  lastTest: null,
  builtIn: 'sample',
  scenario: 'healthy',
}

const START = '2026-11-26T09:00:00.000Z'
const step = (id: StepResult['id'], status: StepResult['status'], extra: Partial<StepResult> = {}): StepResult => ({
  id,
  status,
  startedAt: START,
  durationMs: 12,
  summary: `${id} ${status}`,
  facts: [],
  diagnoses: [],
  ...extra,
})

const noRoles = step('roles', 'fail', {
  summary: 'Dataverse answered 403 (0x80042f09) — The application user has no security role.',
  diagnoses: [
    {
      id: 'no-security-roles',
      title: 'The application user has no security role',
      confidence: 'high',
      cause: 'No role is assigned.',
      fix: ['Open Application users.', 'Edit security roles.'],
      docsUrl: 'https://learn.microsoft.com/power-platform/admin/manage-application-users',
    },
  ],
  evidence: { excerpt: 'HTTP 403 {"error":{"code":"0x80042f09"}}', requestIds: ['r-1'] },
})

function finished(checkId: string, steps: StepResult[]): CheckRun {
  return {
    check: {
      checkId,
      startedAt: START,
      durationMs: 120,
      outcome: steps.some((s) => s.status === 'fail') ? 'fail' : 'pass',
      cancelled: false,
      steps,
      requests: [
        {
          stepId: 'whoami',
          method: 'GET',
          url: 'https://contoso.crm.dynamics.com/api/data/v9.2/WhoAmI',
          status: 200,
          startMs: 10,
          durationMs: 30,
        },
      ],
    },
    subject: {
      connectionName: sample.name,
      environmentUrl: sample.orgUrl,
      cloud: 'commercial',
      tenantId: sample.tenantId,
      clientId: sample.clientId,
      credentialKind: 'secret',
    },
    changes: {
      baseline: { checkId: 'old', startedAt: START },
      changes: [{ kind: 'status', stepId: 'roles', before: 'pass', after: 'fail' }],
    },
    historyProblem: null,
  }
}

let progress: ((event: EventPayloadOf<'check:progressed'>) => void) | undefined
let answer: (run: CheckRun) => void
let checkRun: ReturnType<typeof vi.fn<DataverseBridge['checkRun']>>
let checkCancel: ReturnType<typeof vi.fn<DataverseBridge['checkCancel']>>
let checkExportReport: ReturnType<typeof vi.fn<DataverseBridge['checkExportReport']>>
let setScenario: ReturnType<typeof vi.fn<DataverseBridge['connectionsSetSampleScenario']>>

beforeEach(() => {
  window.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver
  checkRun = vi.fn<DataverseBridge['checkRun']>(
    () => new Promise((resolve) => (answer = (run) => resolve({ ok: true, data: run }))),
  )
  checkCancel = vi.fn<DataverseBridge['checkCancel']>(() => ok({ cancelled: true }))
  checkExportReport = vi.fn<DataverseBridge['checkExportReport']>(() => ok({ path: '/tmp/report.html' }))
  setScenario = vi.fn<DataverseBridge['connectionsSetSampleScenario']>(() => ok({ ...sample, scenario: 'no-roles' }))
  installBridge(
    fakeBridge({
      connectionsList: () =>
        ok({
          connections: [sample],
          problem: null,
          secretsPersistent: true,
          sampleScenarios: [
            { scenario: 'healthy', label: 'Healthy (client secret)' },
            { scenario: 'no-roles', label: 'No security role' },
          ],
          customers: [],
        }),
      onCheckProgressed: (listener) => {
        progress = listener
        return () => undefined
      },
      checkRun,
      checkCancel,
      checkHistory: () => ok({ entries: [], changes: { changes: [] } }),
      checkExportReport,
      checkCopyTicket: () => ok({ copied: true, characters: 812 }),
      connectionsSetSampleScenario: setScenario,
      appOpenExternal: () => ok({ opened: true }),
    }),
  )
})

function show(props: CheckPanelProps) {
  return render(
    <ConnectionsProvider>
      <CheckPanel {...props} />
    </ConnectionsProvider>,
  )
}

const checkIdOfCall = (index = 0) => checkRun.mock.calls[index]?.[0].checkId ?? ''

describe('Test connection panel', () => {
  it('fills the stepper live from check:progressed, then shows the finished check with its waterfall', async () => {
    const onRunStarted = vi.fn()
    show({ connectionId: 'sample', runRequested: true, onRunStarted })
    await waitFor(() => expect(checkRun).toHaveBeenCalledTimes(1))
    expect(onRunStarted).toHaveBeenCalled()
    const checkId = checkIdOfCall()
    expect(checkRun).toHaveBeenCalledWith({ connectionId: 'sample', checkId, tables: ['account', 'contact'] })
    const row = (id: string) =>
      screen.getAllByTestId('check-step').find((element) => element.dataset.stepId === id) as HTMLElement
    expect(row('whoami').dataset.status).toBe('pending')

    act(() => progress?.({ checkId, connectionId: 'sample', step: step('whoami', 'running') }))
    expect(row('whoami').dataset.status).toBe('running')
    act(() => progress?.({ checkId: 'another-check', connectionId: 'sample', step: step('roles', 'fail') }))
    expect(row('roles').dataset.status).toBe('pending')
    act(() => progress?.({ checkId, connectionId: 'sample', step: step('whoami', 'pass') }))
    expect(row('whoami').dataset.status).toBe('pass')

    await act(async () =>
      answer(
        finished(
          checkId,
          STEP_IDS.map((id) => step(id, id === 'dns' || id === 'tls' ? 'skip' : 'pass')),
        ),
      ),
    )
    expect(screen.getByTestId('check-outcome')).toHaveTextContent('Every step passed')
    expect(screen.getByTestId('check-waterfall')).toHaveTextContent(
      'GET https://contoso.crm.dynamics.com/api/data/v9.2/WhoAmI',
    )
  })

  it('opens a failed step in place: the fix first, then the cause, then the evidence; and says what changed', async () => {
    show({ connectionId: 'sample', runRequested: true, onRunStarted: () => undefined })
    await waitFor(() => expect(checkRun).toHaveBeenCalled())
    await act(async () =>
      answer(
        finished(
          checkIdOfCall(),
          STEP_IDS.map((id) => (id === 'roles' ? noRoles : step(id, 'pass'))),
        ),
      ),
    )
    const roles = screen
      .getAllByTestId('check-step')
      .find((element) => element.dataset.stepId === 'roles') as HTMLElement
    const details = within(roles).getByTestId('check-step-details')
    const text = details.textContent ?? ''
    expect(text.indexOf('Edit security roles.')).toBeGreaterThan(-1)
    expect(text.indexOf('Edit security roles.')).toBeLessThan(text.indexOf('No role is assigned.'))
    expect(text.indexOf('No role is assigned.')).toBeLessThan(text.indexOf('0x80042f09'))
    expect(
      screen.getAllByTestId('check-step').filter((element) => within(element).queryByTestId('check-step-details')),
    ).toHaveLength(1)
    expect(screen.getByTestId('check-changes')).toHaveTextContent('Security roles: pass → fail')
  })

  it('cancels the running check by the id it started with', async () => {
    const user = userEvent.setup()
    show({ connectionId: 'sample', runRequested: true, onRunStarted: () => undefined })
    await waitFor(() => expect(checkRun).toHaveBeenCalled())
    await user.click(screen.getByTestId('check-cancel'))
    expect(checkCancel).toHaveBeenCalledWith({ checkId: checkIdOfCall() })
  })

  it('exports with the chosen masks and copies a ticket', async () => {
    const user = userEvent.setup()
    show({ connectionId: 'sample', runRequested: true, onRunStarted: () => undefined })
    await waitFor(() => expect(checkRun).toHaveBeenCalled())
    const checkId = checkIdOfCall()
    await act(async () =>
      answer(
        finished(
          checkId,
          STEP_IDS.map((id) => step(id, 'pass')),
        ),
      ),
    )
    await user.click(screen.getByRole('checkbox', { name: 'Hide tenant' }))
    await user.click(screen.getByTestId('check-export'))
    await user.click(await screen.findByTestId('check-export-html'))
    await waitFor(() =>
      expect(checkExportReport).toHaveBeenCalledWith({
        checkId,
        format: 'html',
        mask: { environment: false, tenant: true, app: false },
      }),
    )
    expect(await screen.findByTestId('check-report-notice')).toHaveTextContent('Report saved to /tmp/report.html')
    await user.click(screen.getByTestId('check-copy-ticket'))
    await waitFor(() => expect(screen.getByTestId('check-report-notice')).toHaveTextContent('812-character summary'))
  })

  it('training mode switches the sample scenario, then runs the check', async () => {
    const user = userEvent.setup()
    show({ connectionId: 'sample', runRequested: false, onRunStarted: () => undefined })
    await user.selectOptions(await screen.findByTestId('training-scenario'), 'no-roles')
    await waitFor(() => expect(setScenario).toHaveBeenCalledWith({ scenario: 'no-roles' }))
    await waitFor(() => expect(checkRun).toHaveBeenCalledTimes(1))
  })
})
