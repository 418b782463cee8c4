import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { MATRIX_STEP_IDS, type MatrixCell, type MatrixRow, type MatrixRun } from '@common/check-matrix'
import type { DataverseBridge, EventPayloadOf } from '@common/contract'
import type { Result } from '@common/result'
import { ConnectionsProvider } from '../../../../renderer/src/features/connections/ConnectionsProvider'
import { CheckAllDialog } from '../../../../renderer/src/features/matrix/CheckAllDialog'
import { connection, sample } from '../../../support/connection-fixtures'
import { fakeBridge, installBridge, ok } from '../../../support/fake-bridge'

const dev = connection({ id: 'c-dev', name: 'Contoso dev', customerId: 'cust-contoso' })
const uat = connection({ id: 'c-uat', name: 'Contoso UAT', customerId: 'cust-contoso' })
const other = connection({ id: 'c-fab', name: 'Fabrikam dev', orgUrl: 'https://fabrikam.crm4.dynamics.com' })

const cell = (status: MatrixCell['status'], diagnosis: MatrixCell['diagnosis'] = null): MatrixCell => ({
  status,
  summary: `${status} summary`,
  diagnosis,
})
const NO_ROLES = {
  id: 'no-security-roles' as const,
  title: 'The application user has no security role',
  fix: ['Open Settings → Users + permissions → Application users.', 'Edit security roles.'],
}

function row(id: string, name: string, failing: boolean): MatrixRow {
  return {
    connectionId: id,
    connectionName: name,
    environmentUrl: 'https://contoso.crm4.dynamics.com',
    tenantId: 't',
    clientId: 'c',
    state: 'done',
    outcome: failing ? 'fail' : 'pass',
    checkId: `check-${id}`,
    problem: null,
    cells: Object.fromEntries(
      MATRIX_STEP_IDS.map((step) => [
        step,
        failing && step === 'roles'
          ? cell('fail', NO_ROLES)
          : failing && step === 'privileges'
            ? cell('skipped')
            : cell('pass'),
      ]),
    ) as MatrixRow['cells'],
  }
}

const same = Object.fromEntries(
  MATRIX_STEP_IDS.map((step) => [step, 'same']),
) as MatrixRun['comparison'][string]['cells']

let progress: ((event: EventPayloadOf<'check-all:progressed'>) => void) | null
let answer: (run: MatrixRun) => void
const checkAllRun = vi.fn<DataverseBridge['checkAllRun']>()
const checkAllCancel = vi.fn<DataverseBridge['checkAllCancel']>(() => ok({ cancelled: true }))
const checkAllExport = vi.fn<DataverseBridge['checkAllExport']>(() => ok({ path: '/tmp/matrix.html' }))

beforeEach(() => {
  progress = null
  checkAllRun.mockReset()
  checkAllRun.mockImplementation(
    () => new Promise<Result<MatrixRun>>((resolve) => (answer = (run) => resolve({ ok: true, data: run }))),
  )
  checkAllCancel.mockClear()
  checkAllExport.mockClear()
  installBridge(
    fakeBridge({
      connectionsList: () =>
        ok({
          connections: [sample, dev, uat, other],
          problem: null,
          secretsPersistent: true,
          sampleScenarios: [],
          customers: [{ id: 'cust-contoso', name: 'Contoso', colour: 'forest', notes: '' }],
        }),
      onCheckAllProgressed: (listener) => {
        progress = listener
        return () => undefined
      },
      checkAllRun,
      checkAllCancel,
      checkAllExport,
    }),
  )
})

function show() {
  return render(
    <ConnectionsProvider>
      <CheckAllDialog open onClose={() => undefined} />
    </ConnectionsProvider>,
  )
}

const matrixCell = (connectionId: string, stepId: string) => {
  const line = screen.getAllByTestId('matrix-row').find((element) => element.dataset.connectionId === connectionId)
  if (!line) throw new Error(`no row ${connectionId}`)
  return within(line)
    .getAllByTestId('matrix-cell')
    .find((element) => element.dataset.stepId === stepId) as HTMLElement
}

describe('Check all: the matrix', () => {
  // Room for a loaded machine: the matrix renders a tooltip per cell and user-event types slowly there.
  it(
    "checks a customer's connections, fills cells live, shows the fix on hover, cancels, compares and exports",
    { timeout: 30_000 },
    async () => {
      const user = userEvent.setup()
      show()
      await waitFor(() => expect(screen.getAllByTestId('check-all-pick')).toHaveLength(4))
      await waitFor(() => expect(within(screen.getByTestId('check-all-customer')).getByText('Contoso')).toBeTruthy())
      await user.selectOptions(screen.getByTestId('check-all-customer'), 'cust-contoso')
      await waitFor(() => expect(screen.getByTestId('check-all-start').textContent).toBe('Check 2 connections'))
      await user.click(screen.getByTestId('check-all-start'))

      await waitFor(() => expect(checkAllRun).toHaveBeenCalledTimes(1))
      const { runId, connectionIds } = checkAllRun.mock.calls[0]?.[0] ?? { runId: '', connectionIds: [] }
      expect(connectionIds).toEqual(['c-dev', 'c-uat'])
      expect(screen.getByTestId('matrix-progress').textContent).toBe('Checked 0 of 2…')
      expect(matrixCell('c-uat', 'roles').dataset.status).toBe('pending')

      // Live: a step event changes one cell, a connection event a whole row; another run's events are ignored.
      act(() => progress?.({ kind: 'step', runId, connectionId: 'c-uat', stepId: 'roles', cell: cell('running') }))
      expect(matrixCell('c-uat', 'roles').dataset.status).toBe('running')
      act(() =>
        progress?.({
          kind: 'step',
          runId: crypto.randomUUID(),
          connectionId: 'c-uat',
          stepId: 'whoami',
          cell: cell('fail'),
        }),
      )
      expect(matrixCell('c-uat', 'whoami').dataset.status).toBe('pending')
      act(() => progress?.({ kind: 'connection', runId, row: row('c-uat', 'Contoso UAT', true) }))
      expect(matrixCell('c-uat', 'roles').dataset.status).toBe('fail')
      expect(screen.getByTestId('matrix-progress').textContent).toBe('Checked 1 of 2…')

      // Hovering the cell shows the diagnosis and its fix.
      const roles = matrixCell('c-uat', 'roles')
      await user.hover(roles)
      const detail = await waitFor(() => {
        const tip = screen.getByRole('tooltip')
        expect(roles.getAttribute('aria-describedby')).toBe(tip.id)
        return tip
      })
      expect(within(detail).getByTestId('matrix-cell-diagnosis').textContent).toContain('no-security-roles')
      expect(within(detail).getByTestId('matrix-cell-fix').textContent).toContain('Edit security roles.')

      await user.click(screen.getByTestId('matrix-cancel'))
      expect(checkAllCancel).toHaveBeenCalledWith({ runId })

      const worse = { ...same, roles: 'worse' as const, privileges: 'worse' as const }
      await act(async () =>
        answer({
          runId,
          startedAt: '2026-12-02T10:00:00.000Z',
          finishedAt: '2026-12-02T10:00:05.000Z',
          rows: [row('c-dev', 'Contoso dev', false), row('c-uat', 'Contoso UAT', true)],
          cancelled: [],
          comparison: {
            'c-dev': { previous: { runId: 'r0', startedAt: '2026-11-25T10:00:00.000Z' }, cells: same },
            'c-uat': { previous: { runId: 'r0', startedAt: '2026-11-25T10:00:00.000Z' }, cells: worse },
          },
          saveProblem: null,
        }),
      )
      expect(screen.getByTestId('matrix-progress').textContent).toBe('Checked 2 connections: 1 failed.')
      expect(screen.queryByTestId('matrix-cancel')).toBeNull()

      // "Changed since last run": only rows that changed, with the moved cells marked.
      expect(screen.getAllByTestId('matrix-row')).toHaveLength(2)
      await user.click(screen.getByRole('switch', { name: 'Changed since last run' }))
      expect(screen.getAllByTestId('matrix-row').map((element) => element.dataset.connectionId)).toEqual(['c-uat'])
      expect(matrixCell('c-uat', 'roles').dataset.change).toBe('worse')
      expect(matrixCell('c-uat', 'roles').textContent).toBe('✗↓')
      expect(matrixCell('c-uat', 'whoami').dataset.change).toBe('same')

      await user.click(screen.getByTestId('matrix-export'))
      await user.click(await screen.findByTestId('matrix-export-csv'))
      expect(checkAllExport).toHaveBeenCalledWith({
        runId,
        format: 'csv',
        mask: { environment: false, tenant: false, app: false },
      })
      await waitFor(() => expect(screen.getByTestId('check-all-notice').textContent).toContain('/tmp/matrix.html'))
    },
  )

  it('defaults to every saved connection (not the sample), and a row that could not run says why', async () => {
    const user = userEvent.setup()
    show()
    await waitFor(() => expect(screen.getByTestId('check-all-start').textContent).toBe('Check 3 connections'))
    await user.click(screen.getByTestId('check-all-start'))
    await waitFor(() => expect(checkAllRun).toHaveBeenCalledTimes(1))
    const runId = checkAllRun.mock.calls[0]?.[0].runId ?? ''
    act(() =>
      progress?.({
        kind: 'connection',
        runId,
        row: {
          ...row('c-fab', 'Fabrikam dev', false),
          state: 'error',
          outcome: null,
          problem: 'The connection was deleted.',
        },
      }),
    )
    expect(screen.getByTestId('matrix-row-problem').textContent).toBe('The connection was deleted.')
  })
})
